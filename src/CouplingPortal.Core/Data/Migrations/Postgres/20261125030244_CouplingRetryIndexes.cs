using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouplingRetryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Couplings_RetryFromDataverse",
                table: "Couplings");

            migrationBuilder.DropIndex(
                name: "IX_Couplings_RetryToDataverse",
                table: "Couplings");
        }
    }
}
