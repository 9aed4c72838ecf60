using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Vendors",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                stored: false);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Resources",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\"",
                stored: false);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Items",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Description\" || char(1) || \"VendorItemNo\"",
                stored: false);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                stored: false);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Contacts",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"CompanyName\" || char(1) || \"City\" || char(1) || \"Email\" || char(1) || \"PhoneNo\"",
                stored: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
