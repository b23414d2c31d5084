using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SlaTrackingUpgradesViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_AssigneeId_State",
                table: "WorkOrders");

            migrationBuilder.AddColumn<string>(
                name: "RegionCode",
                table: "WorkOrders",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaCheckAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaDueAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaWarnAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Purpose",
                table: "PhoneVerifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.CreateTable(
                name: "CompletionPolicies",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    MinPhotos = table.Column<int>(type: "integer", nullable: false),
                    RequiresBarcode = table.Column<bool>(type: "boolean", nullable: false),
                    RequiresSignature = table.Column<bool>(type: "boolean", nullable: false),
                    RequiresCustomerCode = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompletionPolicies", x => new { x.TenantId, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "SavedViews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Page = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Query = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IsShared = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedViews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkOrderSlaUpgrades",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Target = table.Column<int>(type: "integer", nullable: false),
                    BudgetMinutes = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkOrderSlaUpgrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkOrderSlaUpgrades_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Kind_Open",
                table: "WorkOrders",
                columns: new[] { "TenantId", "Kind", "CreatedAt", "Id" },
                filter: "\"State\" NOT IN (8, 11)");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Open",
                table: "WorkOrders",
                columns: new[] { "TenantId", "CreatedAt", "Id" },
                filter: "\"State\" NOT IN (8, 11)");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_AssigneeId_CreatedAt_Id",
                table: "WorkOrders",
                columns: new[] { "TenantId", "AssigneeId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_CreatedAt_Id",
                table: "WorkOrders",
                columns: new[] { "TenantId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_RegionCode_CreatedAt",
                table: "WorkOrders",
                columns: new[] { "TenantId", "RegionCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_SlaCheckAt",
                table: "WorkOrders",
                columns: new[] { "TenantId", "SlaCheckAt" },
                filter: "\"SlaCheckAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_SlaDueAt",
                table: "WorkOrders",
                columns: new[] { "TenantId", "SlaDueAt" },
                filter: "\"SlaDueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SavedViews_TenantId_Page_OwnerId",
                table: "SavedViews",
                columns: new[] { "TenantId", "Page", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderSlaUpgrades_TenantId_Status_RequestedAt",
                table: "WorkOrderSlaUpgrades",
                columns: new[] { "TenantId", "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderSlaUpgrades_TenantId_WorkOrderId",
                table: "WorkOrderSlaUpgrades",
                columns: new[] { "TenantId", "WorkOrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderSlaUpgrades_WorkOrderId",
                table: "WorkOrderSlaUpgrades",
                column: "WorkOrderId");

            // Orders opened before SLA tracking existed: let the SLA job compute their thresholds on its next run.
            migrationBuilder.Sql("UPDATE \"WorkOrders\" SET \"SlaCheckAt\" = \"CreatedAt\" WHERE \"State\" NOT IN (6, 7, 8, 11);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompletionPolicies");

            migrationBuilder.DropTable(
                name: "SavedViews");

            migrationBuilder.DropTable(
                name: "WorkOrderSlaUpgrades");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Kind_Open",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Open",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_AssigneeId_CreatedAt_Id",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_CreatedAt_Id",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_RegionCode_CreatedAt",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_SlaCheckAt",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_TenantId_SlaDueAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "RegionCode",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaCheckAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaDueAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaWarnAt",
                table: "WorkOrders");

            migrationBuilder.AlterColumn<string>(
                name: "Purpose",
                table: "PhoneVerifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_TenantId_AssigneeId_State",
                table: "WorkOrders",
                columns: new[] { "TenantId", "AssigneeId", "State" });
        }
    }
}
