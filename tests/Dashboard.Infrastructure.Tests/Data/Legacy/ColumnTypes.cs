using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>Store types that differ between the providers one migration set serves.</summary>
internal static class ColumnTypes
{
    public static string Instant(MigrationBuilder migrationBuilder) =>
        migrationBuilder.IsSqlite() ? "INTEGER" : "timestamp with time zone";

    private static bool IsSqlite(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";
}
