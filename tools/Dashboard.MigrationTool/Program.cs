using Dashboard.Infrastructure.Data;
using Dashboard.MigrationTool;

// Adds a migration to every provider's set: dotnet run --project tools/Dashboard.MigrationTool -- add <Name>
// (scripts/add-migration.sh <Name> does the same). See docs/decisions/0002-generated-migrations-per-provider.md.
if (args is not ["add", var name] || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Z][A-Za-z0-9]*$"))
{
    Console.Error.WriteLine("Usage: Dashboard.MigrationTool add <PascalCaseName>");
    return 2;
}

var projectDirectory = FindInfrastructureProject();
var idGenerator = new FixedTimeMigrationsIdGenerator(DateTimeOffset.UtcNow);
foreach (var provider in Enum.GetValues<DatabaseProvider>())
{
    var files = MigrationScaffolding.Add(provider, name, idGenerator, projectDirectory);
    Console.WriteLine($"{provider}: {Path.GetRelativePath(projectDirectory, files.MigrationFile!)}, " +
                      $"{Path.GetFileName(files.MetadataFile)}, {Path.GetFileName(files.SnapshotFile)}");
}

Console.WriteLine("Review the generated Up/Down code (data moves are not generated), then run the schema tests.");
return 0;

static string FindInfrastructureProject()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "src", "Dashboard.Infrastructure");
        if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")) && Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new InvalidOperationException("Run this from inside the repository (no Dashboard.sln found above the current folder).");
}
