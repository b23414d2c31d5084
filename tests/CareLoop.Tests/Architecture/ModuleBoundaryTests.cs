using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace CareLoop.Tests.Architecture;

/// <summary>The architecture of docs/adr/0001, made executable.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly ArchUnitNET.Domain.Architecture App = new ArchLoader()
        .LoadAssemblies(typeof(Program).Assembly)
        .Build();

    private static readonly string[] Modules = typeof(Program).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(n => n.StartsWith("CareLoop.Modules.", StringComparison.Ordinal))
        .Select(n => n.Split('.')[2])
        .Distinct()
        .ToArray();

    [Fact]
    public void There_are_modules_to_check() => Assert.Contains("Staff", Modules);

    [Fact]
    public void Modules_use_each_other_only_through_their_contracts()
    {
        foreach (var module in Modules)
        {
            var inside = $"CareLoop.Modules.{module}";
            var otherModules = Types().That().ResideInNamespaceMatching($@"^CareLoop\.Modules\.(?!{module}\b).*");
            var internals = Types().That().ResideInNamespaceMatching($@"^{inside.Replace(".", @"\.")}(\.(?!Contracts\b).*)?$");
            otherModules.Should().NotDependOnAny(internals).Because($"other modules may use {module} only through {inside}.Contracts")
                .WithoutRequiringPositiveResults() // true while Staff is the only module
                .Check(App);
        }
    }

    [Fact]
    public void Domain_code_references_neither_ef_core_nor_aspnet_core()
    {
        Types().That().ResideInNamespaceMatching(@"^CareLoop\.Modules\.[^.]+\.Domain(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Microsoft\.(EntityFrameworkCore|AspNetCore)(\..*)?$"))
            .Because("the domain is pure: no persistence, no HTTP")
            .Check(App);
    }

    [Fact]
    public void The_platform_does_not_depend_on_any_module()
    {
        Types().That().ResideInNamespaceMatching(@"^CareLoop\.Platform(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^CareLoop\.Modules(\..*)?$"))
            .Because("modules build on the platform, never the other way round")
            .Check(App);
    }
}
