using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.MigrationTool;

/// <summary>EF's id format (yyyyMMddHHmmss_Name) with one timestamp, so a change gets the same id in every provider's set.</summary>
internal sealed class FixedTimeMigrationsIdGenerator(DateTimeOffset timestamp) : IMigrationsIdGenerator
{
    private const string Format = "yyyyMMddHHmmss";

    public string GenerateId(string name) => timestamp.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture) + "_" + name;

    public string GetName(string id) => id[(Format.Length + 1)..];

    public bool IsValidId(string value) =>
        value.Length > Format.Length + 1 && value[Format.Length] == '_'
        && DateTime.TryParseExact(value[..Format.Length], Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
