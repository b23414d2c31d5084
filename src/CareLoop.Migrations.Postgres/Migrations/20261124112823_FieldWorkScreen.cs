using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
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
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiagnosisNotes",
                table: "WorkOrders",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FaultCode",
                table: "WorkOrders",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FaultCodeId",
                table: "WorkOrders",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ServicePrices",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    LabourFen = table.Column<long>(type: "bigint", nullable: false),
                    VisitFeeFen = table.Column<long>(type: "bigint", nullable: false)
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
