using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PlatformOrderIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AddressId",
                table: "WorkOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreferredEnd",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreferredStart",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IntegrationKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ShopId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecretCipher = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PreviousSecretCipher = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PreviousValidUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    RatePerSecond = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RotatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PlatformOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ShopId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PayloadCipher = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RejectedPlatformOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PlatformOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PayloadCipher = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Errors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RejectedPlatformOrders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationKeys_TenantId_CreatedAt",
                table: "IntegrationKeys",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformOrders_TenantId_Platform_PlatformOrderId",
                table: "PlatformOrders",
                columns: new[] { "TenantId", "Platform", "PlatformOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlatformOrders_TenantId_ReceivedAt",
                table: "PlatformOrders",
                columns: new[] { "TenantId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RejectedPlatformOrders_TenantId_Status_ReceivedAt",
                table: "RejectedPlatformOrders",
                columns: new[] { "TenantId", "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntegrationKeys");

            migrationBuilder.DropTable(
                name: "PlatformOrders");

            migrationBuilder.DropTable(
                name: "RejectedPlatformOrders");

            migrationBuilder.DropColumn(
                name: "AddressId",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "PreferredEnd",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "PreferredStart",
                table: "WorkOrders");
        }
    }
}
