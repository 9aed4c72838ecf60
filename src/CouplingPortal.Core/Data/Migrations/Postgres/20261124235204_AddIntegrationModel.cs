using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddIntegrationModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                name: "IX_IntegrationFieldMappings_MappingName_LineNo",
                table: "IntegrationFieldMappings",
                columns: new[] { "MappingName", "LineNo" });

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
                name: "IX_IntegrationSynchJobs_Status_QueuedAt",
                table: "IntegrationSynchJobs",
                columns: new[] { "Status", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationTableMappings_LocalTable_DataverseTable",
                table: "IntegrationTableMappings",
                columns: new[] { "LocalTable", "DataverseTable" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Couplings");

            migrationBuilder.DropTable(
                name: "IntegrationFieldMappings");

            migrationBuilder.DropTable(
                name: "IntegrationSynchJobErrors");

            migrationBuilder.DropTable(
                name: "OptionCouplings");

            migrationBuilder.DropTable(
                name: "SyncRecordChanges");

            migrationBuilder.DropTable(
                name: "IntegrationTableMappings");

            migrationBuilder.DropTable(
                name: "IntegrationSynchJobs");
        }
    }
}
