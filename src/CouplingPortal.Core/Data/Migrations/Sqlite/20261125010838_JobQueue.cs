using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IntegrationJobRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    MappingName = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    Recurring = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
