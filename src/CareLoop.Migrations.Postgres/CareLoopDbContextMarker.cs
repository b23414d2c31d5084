// The code that `dotnet ef` generates tags each migration with [DbContext(typeof(CareLoopDbContext))]. This project
// must not reference the host (the host references it), so this internal marker of the same full name makes that
// code compile; the host's ProviderMigrationsAssembly picks migrations by assembly, not by this type.
// See docs/adr/0002-sqlite-and-postgresql-with-per-provider-migrations.md.
namespace CareLoop.Platform.Persistence;

internal static class CareLoopDbContext;
