using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>One cancellation reason per text (a unique index), so two writers bringing a new reason at once store it once.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261122140000_UniqueCancellationReasonText")]
public sealed class UniqueCancellationReasonText : Migration
{
    private const string IndexName = "IX_cancellation_reasons_Text";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Reasons stored twice under one text (only concurrent writers could do that) are merged into the oldest:
        // their events point to it first, so no event loses its reason, then the copies go.
        migrationBuilder.Sql(
            """
            UPDATE cancellation_events
            SET "ReasonId" = (
                SELECT MIN(keep."Id") FROM cancellation_reasons keep
                JOIN cancellation_reasons used ON used."Text" = keep."Text"
                WHERE used."Id" = cancellation_events."ReasonId")
            WHERE "ReasonId" NOT IN (SELECT MIN("Id") FROM cancellation_reasons GROUP BY "Text");
            """);
        migrationBuilder.Sql(
            """
            DELETE FROM cancellation_reasons
            WHERE "Id" NOT IN (SELECT MIN("Id") FROM cancellation_reasons GROUP BY "Text");
            """);

        migrationBuilder.CreateIndex(name: IndexName, table: "cancellation_reasons", column: "Text", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex(name: IndexName, table: "cancellation_reasons");
}
