using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CouplingPortal.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CouplingDataverseVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastSyncedDataverseVersion",
                table: "Couplings",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastSyncedDataverseVersion",
                table: "Couplings");
        }
    }
}
