using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace CareLoop.Tests.Infrastructure;

/// <summary>
/// Runs a theory once per database provider. PostgreSQL runs when <c>CARELOOP_TEST_POSTGRES</c> names a server
/// (<c>.ci/run</c> starts one); without it the PostgreSQL row reports skipped with the reason, except under CI,
/// where it runs and fails, because CI must never skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var rows = new List<ITheoryDataRow> { new TheoryDataRow<DatabaseKind>(DatabaseKind.Sqlite) };
        var postgres = new TheoryDataRow<DatabaseKind>(DatabaseKind.Postgres);
        if (TestEnvironment.PostgresAdminConnectionString is null && !TestEnvironment.IsCi)
        {
            postgres = postgres.WithSkip("PostgreSQL not configured: set CARELOOP_TEST_POSTGRES (bash .ci/run does).");
        }

        rows.Add(postgres);
        return new ValueTask<IReadOnlyCollection<ITheoryDataRow>>(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}

public static class TestEnvironment
{
    public static string? PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("CARELOOP_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string DemoPassword = "Test-Pass-2026";

    /// <summary>The secret of the demo brand's integration key <c>demo-shop</c> in test hosts (signs order API calls).</summary>
    public const string IntegrationSecret = "test-integration-secret-0123456789";

    /// <summary>A fresh 32-byte key for tests that start the app outside Development.</summary>
    public static readonly string ProductionDataKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
