using System.Xml.Linq;
using Dashboard.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Dashboard.Infrastructure.KeyRing;

/// <summary>
/// The Data Protection key ring as one XML file per key in a folder, like the framework's file-system repository,
/// except that the folder is created 0700 and every key file 0600 (written to a private temporary file first and
/// then renamed, so a half-written key is never read). Reads key rings written by the framework's repository.
/// </summary>
public sealed class PrivateKeyRingRepository(string folder) : IXmlRepository
{
    public string Folder { get; } = folder;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(Folder, "*.xml").Select(file => XElement.Load(file)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        PrivateFiles.CreateFolder(Folder);
        var name = IsSafeName(friendlyName) ? friendlyName : Guid.NewGuid().ToString("D");
        var target = Path.Combine(Folder, name + ".xml");
        var temporary = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = PrivateFiles.OpenNew(temporary))
            {
                element.Save(stream);
            }

            File.Move(temporary, target, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The framework names keys <c>key-{guid}</c>; anything else that could leave the folder is replaced.</summary>
    private static bool IsSafeName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
