namespace Dashboard.Infrastructure.Storage;

/// <summary>
/// Folders and files only the app's own user may read: folders 0700, files 0600, set when they are created (not
/// changed afterwards), so there is no moment in which another local user could open them. On Windows the
/// folder's inherited ACL applies instead.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    /// <summary>Creates the empty file <paramref name="path"/> as 0600 unless it exists (its folder as 0700).</summary>
    public static void CreateFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            OpenNew(path).Dispose();
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    /// <summary>A new file (it must not exist) opened for writing, created as 0600.</summary>
    public static FileStream OpenNew(string path, bool useAsync = false)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 64 * 1024,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// True when the file or folder exists and its group or other users have any permission on it (Unix only;
    /// always false on Windows).
    /// </summary>
    public static bool IsOpenToOthers(string path)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return false;
        }

        return (File.GetUnixFileMode(path) & GroupOrOther) != 0;
    }
}
