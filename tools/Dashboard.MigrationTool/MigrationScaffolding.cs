using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

#pragma warning disable EF1001 // The providers' design-time services live in their Internal namespaces; EF's own tools use them the same way.

namespace Dashboard.MigrationTool;

/// <summary>
/// Runs EF Core's migration scaffolder from code (what `dotnet ef migrations add` does) for one provider: a migration,
/// its designer file and the provider's model snapshot, written into that provider's set (<see cref="MigrationSets"/>).
/// </summary>
internal static class MigrationScaffolding
{
    /// <summary>Connection strings only pick the provider: scaffolding never opens a connection.</summary>
    private static readonly Dictionary<DatabaseProvider, string> DesignConnectionStrings = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=design-time.db",
        [DatabaseProvider.PostgreSql] = "Host=localhost;Database=design_time",
        [DatabaseProvider.SqlServer] = "Server=localhost;Database=design_time;TrustServerCertificate=True",
    };

    public static MigrationFiles Add(DatabaseProvider provider, string name, IMigrationsIdGenerator idGenerator, string projectDirectory)
    {
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, new DatabaseOptions(provider, DesignConnectionStrings[provider]));
        using var context = new DashboardDbContext(builder.Options);

        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(context);
        ProviderDesignTimeServices(provider).ConfigureDesignTimeServices(services);

        // The provider's set only (EF's default would read every set in the assembly), and one id for all providers.
        services.AddSingleton(context.GetService<IMigrationsAssembly>());
        services.AddSingleton(idGenerator);

        using var serviceProvider = services.BuildServiceProvider();
        var scaffolder = serviceProvider.GetRequiredService<IMigrationsScaffolder>();
        var migration = scaffolder.ScaffoldMigration(
            name,
            rootNamespace: "Dashboard.Infrastructure",
            subNamespace: MigrationSets.Namespace(provider)["Dashboard.Infrastructure.".Length..],
            language: "C#");
        // The set's folder doubles as the "project" EF searches for an existing snapshot file: every set has a file of
        // that name, and EF would otherwise take the first one it finds in the project.
        var folder = Path.Combine(projectDirectory, MigrationSets.Folder(provider));
        Directory.CreateDirectory(folder);
        var files = scaffolder.Save(folder, migration, folder);
        return KeepSnapshotInFolder(files, folder);
    }

    /// <summary>A set's first snapshot is placed by namespace below the folder; it belongs next to its migrations.</summary>
    private static MigrationFiles KeepSnapshotInFolder(MigrationFiles files, string folder)
    {
        var snapshot = files.SnapshotFile!;
        var wanted = Path.Combine(folder, Path.GetFileName(snapshot));
        if (Path.GetFullPath(snapshot) != Path.GetFullPath(wanted))
        {
            File.Move(snapshot, wanted, overwrite: true);
            for (var directory = Path.GetDirectoryName(snapshot)!; Path.GetFullPath(directory) != Path.GetFullPath(folder)
                 && !Directory.EnumerateFileSystemEntries(directory).Any(); directory = Path.GetDirectoryName(directory)!)
            {
                Directory.Delete(directory);
            }

            files.SnapshotFile = wanted;
        }

        return files;
    }

    private static IDesignTimeServices ProviderDesignTimeServices(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(),
        DatabaseProvider.PostgreSql => new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(),
        DatabaseProvider.SqlServer => new Microsoft.EntityFrameworkCore.SqlServer.Design.Internal.SqlServerDesignTimeServices(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
