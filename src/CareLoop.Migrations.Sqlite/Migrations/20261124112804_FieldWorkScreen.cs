using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FieldWorkScreen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BarcodeManualReason",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiagnosisNotes",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FaultCode",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FaultCodeId",
                table: "WorkOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ServicePrices",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    LabourFen = table.Column<long>(type: "INTEGER", nullable: false),
                    VisitFeeFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServicePrices", x => new { x.TenantId, x.Kind });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServicePrices");

            migrationBuilder.DropColumn(
                name: "BarcodeManualReason",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "DiagnosisNotes",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "FaultCode",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "FaultCodeId",
                table: "WorkOrders");
        }
    }
}
