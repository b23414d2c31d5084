using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MobileHousekeepingProviderAdmins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AdminUserIds",
                table: "ServiceProviders",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "DeactivatedAt",
                table: "ServicePrices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AmountFen",
                table: "CorrectionRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RejectedAt",
                table: "CorrectionRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RejectedBy",
                table: "CorrectionRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FieldPrivacyBindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngineerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PoolKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubsId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecretNo = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BoundAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Expiration = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Release = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ReleasedOn = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldPrivacyBindings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FieldActionReceipts_TenantId_CreatedAt",
                table: "FieldActionReceipts",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FieldPrivacyBindings_TenantId_PoolKey_SubsId",
                table: "FieldPrivacyBindings",
                columns: new[] { "TenantId", "PoolKey", "SubsId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FieldPrivacyBindings_TenantId_WorkOrderId",
                table: "FieldPrivacyBindings",
                columns: new[] { "TenantId", "WorkOrderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FieldPrivacyBindings");

            migrationBuilder.DropIndex(
                name: "IX_FieldActionReceipts_TenantId_CreatedAt",
                table: "FieldActionReceipts");

            migrationBuilder.DropColumn(
                name: "AdminUserIds",
                table: "ServiceProviders");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "ServicePrices");

            migrationBuilder.DropColumn(
                name: "AmountFen",
                table: "CorrectionRequests");

            migrationBuilder.DropColumn(
                name: "RejectedAt",
                table: "CorrectionRequests");

            migrationBuilder.DropColumn(
                name: "RejectedBy",
                table: "CorrectionRequests");
        }
    }
}
