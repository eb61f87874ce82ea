using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Infrastructure.Data.Migrations.SqlServer
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
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "refunds",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "Refund");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "customers",
                type: "datetimeoffset",
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
