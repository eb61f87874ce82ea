using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>
/// The key that keeps a connector's cancellation feedback to one event per subscription of a source
/// (CancellationEvent.FeedbackSourceId, unique with SubscriptionExternalIds). API events keep a null key.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261122133000_CancellationFeedbackKey")]
public sealed class CancellationFeedbackKey : Migration
{
    private const string IndexName = "IX_cancellation_events_FeedbackSourceId_SubscriptionExternalIds";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "FeedbackSourceId", table: "cancellation_events", nullable: true);

        // Stored rows do not say whether the importer or the API wrote them, and until now the importer updated the
        // oldest event naming exactly one subscription of the customer. That row gets the key, so the next import
        // keeps updating it. Any other such events (duplicates from a race, or events recorded through the API) keep
        // a null key and stay as they are: nothing is deleted, and the unique index cannot fail on existing data.
        migrationBuilder.Sql(
            """
            UPDATE cancellation_events
            SET "FeedbackSourceId" = (
                SELECT s."SourceId" FROM subscriptions s
                WHERE s."CustomerId" = cancellation_events."CustomerId"
                  AND s."ExternalId" = cancellation_events."SubscriptionExternalIds")
            WHERE "Id" IN (
                SELECT MIN(e."Id") FROM cancellation_events e
                JOIN subscriptions s ON s."CustomerId" = e."CustomerId" AND s."ExternalId" = e."SubscriptionExternalIds"
                GROUP BY s."SourceId", e."SubscriptionExternalIds")
            """);

        migrationBuilder.CreateIndex(
            name: IndexName,
            table: "cancellation_events",
            columns: new[] { "FeedbackSourceId", "SubscriptionExternalIds" },
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: IndexName, table: "cancellation_events");

        // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): EF's SQLite table rebuild needs a target model these
        // hand-written migrations do not carry.
        migrationBuilder.Sql("""ALTER TABLE cancellation_events DROP COLUMN "FeedbackSourceId";""");
    }
}
