using Microsoft.EntityFrameworkCore;

namespace CareLoop.Migrations.Sqlite;

/// <summary>
/// Tags this project's migrations (`[DbContext(typeof(SqliteMigrationsContext))]`). This project must not reference the
/// host (the host references it), so it cannot name the real CareLoopDbContext; the host's ProviderMigrationsAssembly
/// takes the migrations by assembly instead of by this type. Never instantiated. See docs/adr/0002.
/// </summary>
internal sealed class SqliteMigrationsContext : DbContext;
