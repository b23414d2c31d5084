using CareLoop.Modules.WorkOrders.Domain;

namespace CareLoop.Tests.Domain;

public sealed class WorkOrderDiagramTests
{
    private const string Marker = "<!-- generated from WorkOrderTransitions.Table: do not edit below -->";

    /// <summary>The documentation is rendered from the table; run with CARELOOP_UPDATE_DOCS=1 to rewrite it after a change.</summary>
    [Fact]
    public void The_documented_state_machine_is_the_one_the_domain_enforces()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "work-order-states.md");
        var current = File.ReadAllText(path);
        var expected = current[..(current.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)] + "\n\n" + WorkOrderStateDiagram.Render();
        if (Environment.GetEnvironmentVariable("CARELOOP_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.Equal(expected, File.ReadAllText(path));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareLoop.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CareLoop.slnx not found above the test binaries.");
    }
}
