using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiKeyScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Data move (hand-written): existing keys keep what they could do, read-only or read-write.
            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "api_keys",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""UPDATE api_keys SET "Scope" = CASE WHEN "IsReadOnly" = 1 THEN 'ReadOnly' ELSE 'ReadWrite' END;""");

            migrationBuilder.DropColumn(
                name: "IsReadOnly",
                table: "api_keys");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsReadOnly",
                table: "api_keys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""UPDATE api_keys SET "IsReadOnly" = 1 WHERE "Scope" = 'ReadOnly';""");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "api_keys");
        }
    }
}
