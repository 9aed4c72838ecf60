using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListSearchTextStored : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Vendors",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                stored: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                oldStored: false);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Resources",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\"",
                stored: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\"",
                oldStored: false);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Items",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Description\" || char(1) || \"VendorItemNo\"",
                stored: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Description\" || char(1) || \"VendorItemNo\"",
                oldStored: false);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                stored: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                oldStored: false);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Contacts",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"CompanyName\" || char(1) || \"City\" || char(1) || \"Email\" || char(1) || \"PhoneNo\"",
                stored: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"CompanyName\" || char(1) || \"City\" || char(1) || \"Email\" || char(1) || \"PhoneNo\"",
                oldStored: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Vendors",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                stored: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                oldStored: true);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Resources",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\"",
                stored: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\"",
                oldStored: true);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Items",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Description\" || char(1) || \"VendorItemNo\"",
                stored: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Description\" || char(1) || \"VendorItemNo\"",
                oldStored: true);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                stored: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"City\" || char(1) || \"Contact\" || char(1) || \"PhoneNo\" || char(1) || \"Email\"",
                oldStored: true);

            migrationBuilder.AlterColumn<string>(
                name: "SearchText",
                table: "Contacts",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"CompanyName\" || char(1) || \"City\" || char(1) || \"Email\" || char(1) || \"PhoneNo\"",
                stored: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true,
                oldComputedColumnSql: "\"No\" || char(1) || \"Name\" || char(1) || \"CompanyName\" || char(1) || \"City\" || char(1) || \"Email\" || char(1) || \"PhoneNo\"",
                oldStored: true);
        }
    }
}
