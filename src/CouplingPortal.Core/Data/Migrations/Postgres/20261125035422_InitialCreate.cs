using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    No = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    CompanyNo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    CompanyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    FirstName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    MiddleName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Surname = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    JobTitle = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    SalutationCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Address = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Address2 = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: ""),
                    PostCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    City = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    County = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    CountryRegionCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    MobilePhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    FaxNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Pager = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    HomePage = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    SalespersonCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    CurrencyCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    BusinessRelation = table.Column<int>(type: "integer", nullable: false),
                    BusinessRelationNo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    SearchText = table.Column<string>(type: "text", nullable: true, computedColumnSql: "\"No\" || E'\\x01' || \"Name\" || E'\\x01' || \"CompanyName\" || E'\\x01' || \"City\" || E'\\x01' || \"Email\" || E'\\x01' || \"PhoneNo\"", stored: true),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Currencies",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Symbol = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Currencies", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    No = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Address = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Address2 = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: ""),
                    PostCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    City = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    County = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    CountryRegionCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    PrimaryContactNo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    MobilePhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    FaxNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    HomePage = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    SalespersonCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    CurrencyCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    PaymentTermsCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    ShipmentMethodCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    ShippingAgentCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    CreditLimitLcy = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Blocked = table.Column<int>(type: "integer", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: true, computedColumnSql: "\"No\" || E'\\x01' || \"Name\" || E'\\x01' || \"City\" || E'\\x01' || \"Contact\" || E'\\x01' || \"PhoneNo\" || E'\\x01' || \"Email\"", stored: true),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Customers", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "DataverseConnectionSetup",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    EnvironmentUrl = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClientSecretReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    ModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataverseConnectionSetup", x => x.Id);
                    table.CheckConstraint("CK_DataverseConnectionSetup_SingleRow", "\"Id\" = 1");
                });

            migrationBuilder.CreateTable(
                name: "IntegrationJobRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    MappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    Recurring = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Message = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    MaxAttempts = table.Column<int>(type: "integer", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationJobRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IntegrationSynchJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    MappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    IsDryRun = table.Column<bool>(type: "boolean", nullable: false),
                    Inserted = table.Column<int>(type: "integer", nullable: false),
                    Modified = table.Column<int>(type: "integer", nullable: false),
                    Deleted = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Coupled = table.Column<int>(type: "integer", nullable: false),
                    Uncoupled = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationSynchJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IntegrationTableMappings",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LocalTable = table.Column<int>(type: "integer", nullable: false),
                    DataverseTable = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DataverseOptionColumn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    TableFilter = table.Column<string>(type: "text", nullable: false),
                    IntegrationTableFilter = table.Column<string>(type: "text", nullable: false),
                    CompanyFilter = table.Column<int>(type: "integer", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    MultiCompanySyncEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    SynchOnlyCoupledRecords = table.Column<bool>(type: "boolean", nullable: false),
                    UpdateConflictResolution = table.Column<int>(type: "integer", nullable: false),
                    DeletionConflictResolution = table.Column<int>(type: "integer", nullable: false),
                    Dependencies = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    CreateNewInCaseOfNoMatch = table.Column<bool>(type: "boolean", nullable: false),
                    SynchronizeAfterMatchBasedCoupling = table.Column<bool>(type: "boolean", nullable: false),
                    LocalModifiedWatermark = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DataverseModifiedOnWatermark = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DataverseDeltaLink = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    RecurrenceIntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    InactivityTimeoutMinutes = table.Column<int>(type: "integer", nullable: false),
                    DisableEventDrivenRescheduling = table.Column<bool>(type: "boolean", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    UserDefined = table.Column<bool>(type: "boolean", nullable: false),
                    DefaultsAppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationTableMappings", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Items",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    No = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    BaseUnitOfMeasure = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    UnitPrice = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    UnitCost = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    UnitVolume = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    GrossWeight = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    VendorNo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    VendorItemNo = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: ""),
                    Inventory = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: true, computedColumnSql: "\"No\" || E'\\x01' || \"Description\" || E'\\x01' || \"VendorItemNo\"", stored: true),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Items", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "PaymentTerms",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentTerms", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    No = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    BaseUnitOfMeasure = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    UnitPrice = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    UnitCost = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    VendorNo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Capacity = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: true, computedColumnSql: "\"No\" || E'\\x01' || \"Name\"", stored: true),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "SalespeoplePurchasers",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    Email2 = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    JobTitle = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalespeoplePurchasers", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "ShipmentMethods",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Description = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShipmentMethods", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "ShippingAgents",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: ""),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShippingAgents", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Vendors",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    No = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Address = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    Address2 = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: ""),
                    PostCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    City = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    County = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    CountryRegionCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: ""),
                    PrimaryContactNo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    PhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    MobilePhoneNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    FaxNo = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false, defaultValue: ""),
                    Email = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    HomePage = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, defaultValue: ""),
                    PurchaserCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: ""),
                    CurrencyCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    PaymentTermsCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    ShipmentMethodCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    ShippingAgentCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, defaultValue: ""),
                    Blocked = table.Column<int>(type: "integer", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: true, computedColumnSql: "\"No\" || E'\\x01' || \"Name\" || E'\\x01' || \"City\" || E'\\x01' || \"Contact\" || E'\\x01' || \"PhoneNo\" || E'\\x01' || \"Email\"", stored: true),
                    SystemCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SystemModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vendors", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "IntegrationSynchJobErrors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceRecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceDescription = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    DestinationRecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    DestinationDescription = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    Message = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false),
                    IsTransient = table.Column<bool>(type: "boolean", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationSynchJobErrors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrationSynchJobErrors_IntegrationSynchJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "IntegrationSynchJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SyncRecordChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    MappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    LocalSystemId = table.Column<Guid>(type: "uuid", nullable: true),
                    DataverseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRecordChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncRecordChanges_IntegrationSynchJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "IntegrationSynchJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Couplings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DataverseTable = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DataverseId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastSyncedDataverseModifiedOn = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DataverseCreatePending = table.Column<bool>(type: "boolean", nullable: false),
                    LastSyncedDataverseVersion = table.Column<long>(type: "bigint", nullable: true),
                    MappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LocalTable = table.Column<int>(type: "integer", nullable: false),
                    LocalSystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastSyncedLocalModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastResultToDataverse = table.Column<int>(type: "integer", nullable: false),
                    LastJobIdToDataverse = table.Column<Guid>(type: "uuid", nullable: true),
                    LastErrorToDataverse = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    ErrorCountToDataverse = table.Column<int>(type: "integer", nullable: false),
                    LastResultFromDataverse = table.Column<int>(type: "integer", nullable: false),
                    LastJobIdFromDataverse = table.Column<Guid>(type: "uuid", nullable: true),
                    LastErrorFromDataverse = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    ErrorCountFromDataverse = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<bool>(type: "boolean", nullable: false),
                    CoupledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Couplings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Couplings_IntegrationTableMappings_MappingName",
                        column: x => x.MappingName,
                        principalTable: "IntegrationTableMappings",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntegrationFieldMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LineNo = table.Column<int>(type: "integer", nullable: false),
                    LocalField = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DataverseColumn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ConstantValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConstantOnInsertOnly = table.Column<bool>(type: "boolean", nullable: false),
                    Transformation = table.Column<int>(type: "integer", nullable: false),
                    ClearValueOnFailedSync = table.Column<bool>(type: "boolean", nullable: false),
                    ValidateField = table.Column<bool>(type: "boolean", nullable: false),
                    NotNull = table.Column<bool>(type: "boolean", nullable: false),
                    UseForMatchBasedCoupling = table.Column<bool>(type: "boolean", nullable: false),
                    CaseSensitiveMatching = table.Column<bool>(type: "boolean", nullable: false),
                    MatchPriority = table.Column<int>(type: "integer", nullable: false),
                    LookupTranslation = table.Column<int>(type: "integer", nullable: false),
                    TranslationMappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UserDefined = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationFieldMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrationFieldMappings_IntegrationTableMappings_MappingNa~",
                        column: x => x.MappingName,
                        principalTable: "IntegrationTableMappings",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OptionCouplings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DataverseTable = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DataverseColumn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OptionValue = table.Column<int>(type: "integer", nullable: false),
                    OptionLabel = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    MappingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LocalTable = table.Column<int>(type: "integer", nullable: false),
                    LocalSystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastSyncedLocalModifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastResultToDataverse = table.Column<int>(type: "integer", nullable: false),
                    LastJobIdToDataverse = table.Column<Guid>(type: "uuid", nullable: true),
                    LastErrorToDataverse = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    ErrorCountToDataverse = table.Column<int>(type: "integer", nullable: false),
                    LastResultFromDataverse = table.Column<int>(type: "integer", nullable: false),
                    LastJobIdFromDataverse = table.Column<Guid>(type: "uuid", nullable: true),
                    LastErrorFromDataverse = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    ErrorCountFromDataverse = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<bool>(type: "boolean", nullable: false),
                    CoupledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptionCouplings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OptionCouplings_IntegrationTableMappings_MappingName",
                        column: x => x.MappingName,
                        principalTable: "IntegrationTableMappings",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
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
                name: "IX_Contacts_SearchText_trgm",
                table: "Contacts",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SystemModifiedAt",
                table: "Contacts",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Type_No",
                table: "Contacts",
                columns: new[] { "Type", "No" });

            migrationBuilder.CreateIndex(
                name: "IX_Couplings_DataverseTable_DataverseId",
                table: "Couplings",
                columns: new[] { "DataverseTable", "DataverseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Couplings_LocalTable_LocalSystemId",
                table: "Couplings",
                columns: new[] { "LocalTable", "LocalSystemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Couplings_MappingName_Skipped",
                table: "Couplings",
                columns: new[] { "MappingName", "Skipped" });

            migrationBuilder.CreateIndex(
                name: "IX_Couplings_RetryFromDataverse",
                table: "Couplings",
                columns: new[] { "LocalTable", "DataverseTable" },
                filter: "NOT (\"Skipped\") AND \"LastResultFromDataverse\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_Couplings_RetryToDataverse",
                table: "Couplings",
                columns: new[] { "LocalTable", "DataverseTable" },
                filter: "NOT (\"Skipped\") AND (\"LastResultToDataverse\" = 2 OR \"DataverseCreatePending\")");

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
                name: "IX_Customers_SearchText_trgm",
                table: "Customers",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SystemModifiedAt",
                table: "Customers",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationFieldMappings_MappingName_LineNo",
                table: "IntegrationFieldMappings",
                columns: new[] { "MappingName", "LineNo" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationJobRequests_MappingName_Recurring",
                table: "IntegrationJobRequests",
                columns: new[] { "MappingName", "Recurring" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationJobRequests_Status_NotBefore",
                table: "IntegrationJobRequests",
                columns: new[] { "Status", "NotBefore" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobErrors_JobId_Id",
                table: "IntegrationSynchJobErrors",
                columns: new[] { "JobId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobErrors_SourceRecordId_OccurredAt",
                table: "IntegrationSynchJobErrors",
                columns: new[] { "SourceRecordId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobs_MappingName_QueuedAt",
                table: "IntegrationSynchJobs",
                columns: new[] { "MappingName", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobs_QueuedAt",
                table: "IntegrationSynchJobs",
                column: "QueuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobs_RequestId",
                table: "IntegrationSynchJobs",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobs_Status_QueuedAt",
                table: "IntegrationSynchJobs",
                columns: new[] { "Status", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationTableMappings_LocalTable_DataverseTable",
                table: "IntegrationTableMappings",
                columns: new[] { "LocalTable", "DataverseTable" });

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
                name: "IX_Items_SearchText_trgm",
                table: "Items",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_SystemModifiedAt",
                table: "Items",
                column: "SystemModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OptionCouplings_MappingName_LocalSystemId",
                table: "OptionCouplings",
                columns: new[] { "MappingName", "LocalSystemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptionCouplings_MappingName_OptionValue",
                table: "OptionCouplings",
                columns: new[] { "MappingName", "OptionValue" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptionCouplings_MappingName_Skipped",
                table: "OptionCouplings",
                columns: new[] { "MappingName", "Skipped" });

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
                name: "IX_Resources_SearchText_trgm",
                table: "Resources",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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
                name: "IX_SyncRecordChanges_DataverseId_OccurredAt",
                table: "SyncRecordChanges",
                columns: new[] { "DataverseId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRecordChanges_JobId",
                table: "SyncRecordChanges",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_SyncRecordChanges_LocalSystemId_OccurredAt",
                table: "SyncRecordChanges",
                columns: new[] { "LocalSystemId", "OccurredAt" });

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
                name: "IX_Vendors_SearchText_trgm",
                table: "Vendors",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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
                name: "Couplings");

            migrationBuilder.DropTable(
                name: "Currencies");

            migrationBuilder.DropTable(
                name: "Customers");

            migrationBuilder.DropTable(
                name: "DataverseConnectionSetup");

            migrationBuilder.DropTable(
                name: "IntegrationFieldMappings");

            migrationBuilder.DropTable(
                name: "IntegrationJobRequests");

            migrationBuilder.DropTable(
                name: "IntegrationSynchJobErrors");

            migrationBuilder.DropTable(
                name: "Items");

            migrationBuilder.DropTable(
                name: "OptionCouplings");

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
                name: "SyncRecordChanges");

            migrationBuilder.DropTable(
                name: "Vendors");

            migrationBuilder.DropTable(
                name: "IntegrationTableMappings");

            migrationBuilder.DropTable(
                name: "IntegrationSynchJobs");
        }
    }
}
