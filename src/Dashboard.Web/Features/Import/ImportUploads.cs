using Dashboard.Infrastructure.Storage;

namespace Dashboard.Web.Features.Import;

/// <summary>
/// Where the Import page keeps an uploaded file while it is previewed, validated and imported: a private folder
/// (0700, <c>Import:UploadPath</c>, default data/imports under the content root) of files created 0600. The page
/// deletes its file after the import, when another file is chosen and when the page closes; the start-up step
/// deletes what a crashed run left.
/// </summary>
public sealed class ImportUploads(string folder)
{
    public const string SettingKey = "Import:UploadPath";
    public const string DefaultPath = "data/imports";

    public string Folder { get; } = folder;

    public static ImportUploads FromConfiguration(IConfiguration configuration, string contentRoot) =>
        new(Path.GetFullPath(configuration[SettingKey] is { Length: > 0 } configured ? configured : DefaultPath, contentRoot));

    /// <summary>A new, empty upload file opened for writing; its path is the stream's <see cref="FileStream.Name"/>.</summary>
    public FileStream Create()
    {
        PrivateFiles.CreateFolder(Folder);
        return PrivateFiles.OpenNew(Path.Combine(Folder, $"upload-{Guid.NewGuid():N}.csv"), useAsync: true);
    }

    /// <summary>Deletes every file in the folder (at start-up, before any page can hold one) and returns how many.</summary>
    public int DeleteAll()
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.Delete(file);
            count++;
        }

        return count;
    }
}
