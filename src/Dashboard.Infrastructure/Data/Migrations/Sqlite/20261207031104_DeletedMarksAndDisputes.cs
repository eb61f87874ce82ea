using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeletedMarksAndDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "refunds",
                type: "TEXT",
                nullable: false,
                defaultValue: "Refund");

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "customers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "customers");
        }
    }
}
