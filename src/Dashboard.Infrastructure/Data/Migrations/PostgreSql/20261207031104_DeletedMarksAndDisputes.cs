using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DeletedMarksAndDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "refunds",
                type: "text",
                nullable: false,
                defaultValue: "Refund");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "customers",
                type: "timestamp with time zone",
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
