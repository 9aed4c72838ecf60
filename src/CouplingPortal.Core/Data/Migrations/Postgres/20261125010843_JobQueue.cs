using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestId",
                table: "IntegrationSynchJobs",
                type: "uuid",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationSynchJobs_RequestId",
                table: "IntegrationSynchJobs",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationJobRequests_MappingName_Recurring",
                table: "IntegrationJobRequests",
                columns: new[] { "MappingName", "Recurring" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationJobRequests_Status_NotBefore",
                table: "IntegrationJobRequests",
                columns: new[] { "Status", "NotBefore" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntegrationJobRequests");

            migrationBuilder.DropIndex(
                name: "IX_IntegrationSynchJobs_RequestId",
                table: "IntegrationSynchJobs");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "IntegrationSynchJobs");
        }
    }
}
