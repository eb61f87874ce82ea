using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Exports;

/// <summary>A path that would leave <c>Exports:Folder</c>.</summary>
public sealed class ExportPathException(string message) : Exception(message);

/// <summary>
/// <c>Exports:Folder</c>: every file an export writes stays inside it (a path that leaves it is refused), and every file
/// is written to a temporary name first and then renamed, so a crash never leaves a partial file under the real name.
/// </summary>
public sealed class ExportFolder
{
    public ExportFolder(IOptions<ExportOptions> options, string contentRoot)
    {
        Root = Path.GetFullPath(options.Value.Folder, contentRoot);
    }

    public string Root { get; }

    /// <summary>The stored file of a run, relative to the folder: <c>runs/{export_id}/{run_id}.csv</c>.</summary>
    public static string RunFile(long exportId, long runId) =>
        string.Create(CultureInfo.InvariantCulture, $"runs/{exportId}/{runId}.csv");

    /// <summary>The headline numbers a run's emails showed, beside its file, so a delivery sent again later shows the same.</summary>
    public static string HeadlinesFile(long exportId, long runId) =>
        string.Create(CultureInfo.InvariantCulture, $"runs/{exportId}/{runId}.headlines.json");

    /// <summary>The folder delivery's copy: the export's name made safe for a file name, and the local day of the run.</summary>
    public static string NamedCopy(string exportName, DateOnly day)
    {
        var safe = new StringBuilder();
        foreach (var c in exportName.Trim().ToLowerInvariant())
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var slug = string.Join('-', safe.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return (slug.Length == 0 ? "export" : slug[..Math.Min(slug.Length, 80)]) + "-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".csv";
    }

    /// <summary>The full path of <paramref name="relative"/>; an <see cref="ExportPathException"/> when it is not inside the folder.</summary>
    public string Resolve(string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative))
        {
            throw new ExportPathException($"'{relative}' is not a path inside the exports folder.");
        }

        var full = Path.GetFullPath(Path.Combine(Root, relative));
        var rootWithSeparator = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ExportPathException($"'{relative}' leads outside the exports folder.");
        }

        return full;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/> through a temporary file and a rename.</summary>
    public async Task WriteAsync(string relative, byte[] content, CancellationToken cancellationToken)
    {
        var target = Resolve(relative);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Opens a stored file for reading; null when it is gone.</summary>
    public Stream? OpenRead(string relative)
    {
        var path = Resolve(relative);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }
}
