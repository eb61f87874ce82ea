using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// EF Core's view of the migrations assembly, narrowed to the migration set of the provider the context runs on:
/// the migrations and the model snapshot in that provider's namespace (<see cref="MigrationSets.Namespace"/>).
/// One context type and one assembly hold all sets; this replaces EF's default, which would mix them.
/// </summary>
public sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly Type contextType;
    private readonly string setNamespace;
    private readonly IMigrationsIdGenerator idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> migrations;
    private readonly Lazy<ModelSnapshot?> snapshot;

    public ProviderMigrationsAssembly(
        ICurrentDbContext currentContext,
        IDatabaseProvider databaseProvider,
        IMigrationsIdGenerator idGenerator)
    {
        contextType = currentContext.Context.GetType();
        setNamespace = MigrationSets.Namespace(MigrationSets.ProviderOf(databaseProvider.Name));
        this.idGenerator = idGenerator;
        Assembly = typeof(ProviderMigrationsAssembly).Assembly;
        migrations = new Lazy<IReadOnlyDictionary<string, TypeInfo>>(FindMigrations);
        snapshot = new Lazy<ModelSnapshot?>(FindSnapshot);
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations.Value;

    public ModelSnapshot? ModelSnapshot => snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => idGenerator.IsValidId(nameOrId)
            ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private IEnumerable<TypeInfo> SetTypes() =>
        Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition
            && t.Namespace == setNamespace
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType);

    private IReadOnlyDictionary<string, TypeInfo> FindMigrations()
    {
        var found = new SortedList<string, TypeInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in SetTypes().Where(t => t.IsSubclassOf(typeof(Migration))))
        {
            var id = type.GetCustomAttribute<MigrationAttribute>()?.Id
                ?? throw new InvalidOperationException($"Migration {type.FullName} has no [Migration] id.");
            found.Add(id, type);
        }

        return found;
    }

    private ModelSnapshot? FindSnapshot()
    {
        var types = SetTypes().Where(t => t.IsSubclassOf(typeof(ModelSnapshot))).ToList();
        return types.Count switch
        {
            0 => null,
            1 => (ModelSnapshot)Activator.CreateInstance(types[0].AsType())!,
            _ => throw new InvalidOperationException($"{setNamespace} holds more than one model snapshot."),
        };
    }
}
