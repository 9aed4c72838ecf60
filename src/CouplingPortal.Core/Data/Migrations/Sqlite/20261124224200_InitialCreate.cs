using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    CompanyNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    MiddleName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Surname = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    SalutationCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Address2 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, defaultValue: ""),
                    PostCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    City = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    County = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    CountryRegionCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    MobilePhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    FaxNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Pager = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    HomePage = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    SalespersonCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    BusinessRelation = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessRelationNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Currencies",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Currencies", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Address2 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, defaultValue: ""),
                    PostCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    City = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    County = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    CountryRegionCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    PrimaryContactNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    MobilePhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    FaxNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    HomePage = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    SalespersonCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    PaymentTermsCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    ShipmentMethodCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    ShippingAgentCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    CreditLimitLcy = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    Blocked = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Customers", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Items",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseUnitOfMeasure = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    UnitPrice = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    UnitCost = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    UnitVolume = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    GrossWeight = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    VendorNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    VendorItemNo = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, defaultValue: ""),
                    Inventory = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    Blocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Items", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "PaymentTerms",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentTerms", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseUnitOfMeasure = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    UnitPrice = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    UnitCost = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    VendorNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Capacity = table.Column<double>(type: "REAL", precision: 18, scale: 5, nullable: false),
                    Blocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "SalespeoplePurchasers",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    Email2 = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Blocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalespeoplePurchasers", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "ShipmentMethods",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShipmentMethods", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "ShippingAgents",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShippingAgents", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Vendors",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Address = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    Address2 = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false, defaultValue: ""),
                    PostCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    City = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    County = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    CountryRegionCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, defaultValue: ""),
                    PrimaryContactNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    MobilePhoneNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    FaxNo = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    HomePage = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false, defaultValue: ""),
                    PurchaserCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false, defaultValue: ""),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    PaymentTermsCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    ShipmentMethodCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    ShippingAgentCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false, defaultValue: ""),
                    Blocked = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vendors", x => x.SystemId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_BusinessRelation_BusinessRelationNo",
                table: "Contacts",
                columns: new[] { "BusinessRelation", "BusinessRelationNo" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_City_No",
                table: "Contacts",
                columns: new[] { "City", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CompanyNo_No",
                table: "Contacts",
                columns: new[] { "CompanyNo", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Name_No",
                table: "Contacts",
                columns: new[] { "Name", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_No",
                table: "Contacts",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SystemModifiedAt",
                table: "Contacts",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Type_No",
                table: "Contacts",
                columns: new[] { "Type", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Currencies_Code",
                table: "Currencies",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Currencies_SystemModifiedAt",
                table: "Currencies",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Blocked_No",
                table: "Customers",
                columns: new[] { "Blocked", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_City_No",
                table: "Customers",
                columns: new[] { "City", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CountryRegionCode_No",
                table: "Customers",
                columns: new[] { "CountryRegionCode", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name_No",
                table: "Customers",
                columns: new[] { "Name", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_No",
                table: "Customers",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PostCode_No",
                table: "Customers",
                columns: new[] { "PostCode", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SystemModifiedAt",
                table: "Customers",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Blocked_No",
                table: "Items",
                columns: new[] { "Blocked", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_Description_No",
                table: "Items",
                columns: new[] { "Description", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_No",
                table: "Items",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Items_SystemModifiedAt",
                table: "Items",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentTerms_Code",
                table: "PaymentTerms",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentTerms_SystemModifiedAt",
                table: "PaymentTerms",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Blocked_No",
                table: "Resources",
                columns: new[] { "Blocked", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Name_No",
                table: "Resources",
                columns: new[] { "Name", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_No",
                table: "Resources",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resources_SystemModifiedAt",
                table: "Resources",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SalespeoplePurchasers_Code",
                table: "SalespeoplePurchasers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SalespeoplePurchasers_SystemModifiedAt",
                table: "SalespeoplePurchasers",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentMethods_Code",
                table: "ShipmentMethods",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShipmentMethods_SystemModifiedAt",
                table: "ShipmentMethods",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ShippingAgents_Code",
                table: "ShippingAgents",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShippingAgents_SystemModifiedAt",
                table: "ShippingAgents",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_Blocked_No",
                table: "Vendors",
                columns: new[] { "Blocked", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_City_No",
                table: "Vendors",
                columns: new[] { "City", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_Name_No",
                table: "Vendors",
                columns: new[] { "Name", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_No",
                table: "Vendors",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_SystemModifiedAt",
                table: "Vendors",
                column: "SystemModifiedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "Currencies");

            migrationBuilder.DropTable(
                name: "Customers");

            migrationBuilder.DropTable(
                name: "Items");

            migrationBuilder.DropTable(
                name: "PaymentTerms");

            migrationBuilder.DropTable(
                name: "Resources");

            migrationBuilder.DropTable(
                name: "SalespeoplePurchasers");

            migrationBuilder.DropTable(
                name: "ShipmentMethods");

            migrationBuilder.DropTable(
                name: "ShippingAgents");

            migrationBuilder.DropTable(
                name: "Vendors");
        }
    }
}
