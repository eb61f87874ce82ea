using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Infrastructure.Data.Migrations.PostgreSql
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""UPDATE api_keys SET "Scope" = CASE WHEN "IsReadOnly" = TRUE THEN 'ReadOnly' ELSE 'ReadWrite' END;""");

            // Every row has its scope now; the column keeps no default, like one created from the model.
            migrationBuilder.AlterColumn<string>(
                name: "Scope",
                table: "api_keys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldDefaultValue: "");

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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""UPDATE api_keys SET "IsReadOnly" = TRUE WHERE "Scope" = 'ReadOnly';""");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "api_keys");
        }
    }
}
