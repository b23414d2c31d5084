using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareLoop.Platform.Persistence;

/// <summary>
/// Finds the migrations of the configured provider's assembly. Unlike EF's default it does not match the
/// <c>[DbContext]</c> attribute's type: the migration projects do not reference the host (that would be a cycle),
/// so they tag their migrations with a same-named marker type. One assembly holds one provider's migrations for
/// one context, so "every migration in the assembly" is exact. See docs/adr/0002.
/// </summary>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        _idGenerator = idGenerator;
        var name = RelationalOptionsExtension.Extract(options).MigrationsAssembly
            ?? throw new InvalidOperationException("The provider must name its migrations assembly.");
        Assembly = Assembly.Load(new AssemblyName(name));
        _migrations = new Lazy<IReadOnlyDictionary<string, TypeInfo>>(FindMigrations);
        _snapshot = new Lazy<ModelSnapshot?>(() => Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ModelSnapshot)) && !t.IsAbstract)
            .Select(t => (ModelSnapshot?)Activator.CreateInstance(t))
            .SingleOrDefault());
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys
            .Where(_idGenerator.IsValidId(nameOrId)
                ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
                : id => string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var result = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract))
        {
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id;
            if (id is not null)
            {
                result.Add(id, type.GetTypeInfo());
            }
        }

        return result;
    }
}
