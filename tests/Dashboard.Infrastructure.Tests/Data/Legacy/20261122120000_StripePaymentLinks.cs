using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>The Stripe connector's links from payments to subscription invoices (see StripePaymentLink).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261122120000_StripePaymentLinks")]
public sealed class StripePaymentLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "stripe_payment_links",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                PaymentId = table.Column<string>(nullable: false),
                SubscriptionExternalId = table.Column<string>(nullable: false),
                Metered = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_stripe_payment_links", x => x.Id);
                table.ForeignKey(
                    name: "FK_stripe_payment_links_sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_stripe_payment_links_SourceId_PaymentId",
            table: "stripe_payment_links",
            columns: new[] { "SourceId", "PaymentId" },
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "stripe_payment_links");
}
