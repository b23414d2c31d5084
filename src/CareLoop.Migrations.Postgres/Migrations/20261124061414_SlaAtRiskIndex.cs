using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SlaAtRiskIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_SlaWarnAt_SlaDueAt",
                table: "WorkOrders",
                columns: new[] { "TenantId", "SlaWarnAt", "SlaDueAt" },
                filter: "\"SlaWarnAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_SlaWarnAt_SlaDueAt",
                table: "WorkOrders");
        }
    }
}
