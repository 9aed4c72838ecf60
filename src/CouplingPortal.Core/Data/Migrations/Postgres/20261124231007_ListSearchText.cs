using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Vendors",
                type: "text",
                nullable: true,
                computedColumnSql: "\"No\" || E'\\x01' || \"Name\" || E'\\x01' || \"City\" || E'\\x01' || \"Contact\" || E'\\x01' || \"PhoneNo\" || E'\\x01' || \"Email\"",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Resources",
                type: "text",
                nullable: true,
                computedColumnSql: "\"No\" || E'\\x01' || \"Name\"",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Items",
                type: "text",
                nullable: true,
                computedColumnSql: "\"No\" || E'\\x01' || \"Description\" || E'\\x01' || \"VendorItemNo\"",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "text",
                nullable: true,
                computedColumnSql: "\"No\" || E'\\x01' || \"Name\" || E'\\x01' || \"City\" || E'\\x01' || \"Contact\" || E'\\x01' || \"PhoneNo\" || E'\\x01' || \"Email\"",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Contacts",
                type: "text",
                nullable: true,
                computedColumnSql: "\"No\" || E'\\x01' || \"Name\" || E'\\x01' || \"CompanyName\" || E'\\x01' || \"City\" || E'\\x01' || \"Email\" || E'\\x01' || \"PhoneNo\"",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_SearchText_trgm",
                table: "Vendors",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_SearchText_trgm",
                table: "Resources",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_SearchText_trgm",
                table: "Items",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchText_trgm",
                table: "Customers",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SearchText_trgm",
                table: "Contacts",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Vendors_SearchText_trgm",
                table: "Vendors");

            migrationBuilder.DropIndex(
                name: "IX_Resources_SearchText_trgm",
                table: "Resources");

            migrationBuilder.DropIndex(
                name: "IX_Items_SearchText_trgm",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchText_trgm",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SearchText_trgm",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Vendors");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Contacts");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
