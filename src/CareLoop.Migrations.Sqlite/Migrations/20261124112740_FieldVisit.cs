using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FieldVisit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FieldCheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngineerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    AccuracyMeters = table.Column<int>(type: "INTEGER", nullable: true),
                    DistanceMeters = table.Column<int>(type: "INTEGER", nullable: true),
                    ThresholdMeters = table.Column<int>(type: "INTEGER", nullable: false),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldCheckIns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FieldSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsePrivacyNumbers = table.Column<bool>(type: "INTEGER", nullable: false),
                    FarCheckInMeters = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldSettings", x => x.TenantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FieldCheckIns_TenantId_WorkOrderId_At",
                table: "FieldCheckIns",
                columns: new[] { "TenantId", "WorkOrderId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FieldCheckIns");

            migrationBuilder.DropTable(
                name: "FieldSettings");
        }
    }
}
