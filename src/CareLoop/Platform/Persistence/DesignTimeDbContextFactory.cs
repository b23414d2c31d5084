using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CareLoop.Platform.Persistence;

/// <summary>
/// Used by <c>dotnet ef</c> (scripts/add-migration.sh): <c>-- --provider Sqlite|Postgres</c> picks the provider,
/// and therefore the migrations assembly the new migration goes to.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CareLoopDbContext>
{
    public CareLoopDbContext CreateDbContext(string[] args)
    {
        var index = Array.IndexOf(args, "--provider");
        var name = index >= 0 && index + 1 < args.Length ? args[index + 1] : "Sqlite";
        var provider = DatabaseProvider.Create(
            new DatabaseOptions { Provider = name },
            name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) ? "Data Source=design-time.db" : "Host=localhost;Database=careloop_design",
            Directory.GetCurrentDirectory());
        var options = new DbContextOptionsBuilder<CareLoopDbContext>();
        provider.Configure(options);
        return new CareLoopDbContext(options.Options, new TenantContext(), TimeProvider.System, provider);
    }
}
