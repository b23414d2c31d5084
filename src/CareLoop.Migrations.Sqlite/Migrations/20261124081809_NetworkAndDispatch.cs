using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NetworkAndDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Certificates",
                table: "EngineerProfiles",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "LastLatitude",
                table: "EngineerProfiles",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastLocatedAt",
                table: "EngineerProfiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "LastLongitude",
                table: "EngineerProfiles",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaveDays",
                table: "EngineerProfiles",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "Rating",
                table: "EngineerProfiles",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "ServiceRadiusKm",
                table: "EngineerProfiles",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Shifts",
                table: "EngineerProfiles",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "1@08:00-18:00,2@08:00-18:00,3@08:00-18:00,4@08:00-18:00,5@08:00-18:00,6@08:00-18:00"); // existing engineers: Monday to Saturday, 08:00–18:00

            migrationBuilder.AddColumn<Guid>(
                name: "StationId",
                table: "EngineerProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DispatchDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    EngineerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DispatchSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AutoDispatch = table.Column<bool>(type: "INTEGER", nullable: false),
                    DistanceWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    LoadWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    UrgencyWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    RatingWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    AffinityWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxDistanceKm = table.Column<int>(type: "INTEGER", nullable: false),
                    GrabTimeoutMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    RequiredCertificates = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GrabAreas = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GrabOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    WorkOrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    WinnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferedTo = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrabOffers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsBrandOwned = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContractEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractCategories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ContractDistricts = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Stations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DistrictCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Stations_ServiceProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "ServiceProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EngineerProfiles_TenantId_StationId",
                table: "EngineerProfiles",
                columns: new[] { "TenantId", "StationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchDecisions_TenantId_WorkOrderId_WorkOrderVersion_Trigger",
                table: "DispatchDecisions",
                columns: new[] { "TenantId", "WorkOrderId", "WorkOrderVersion", "Trigger" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DispatchSettings_TenantId",
                table: "DispatchSettings",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrabOffers_TenantId_Status_ExpiresAt",
                table: "GrabOffers",
                columns: new[] { "TenantId", "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GrabOffers_TenantId_WorkOrderId_WorkOrderVersion",
                table: "GrabOffers",
                columns: new[] { "TenantId", "WorkOrderId", "WorkOrderVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceProviders_TenantId_Name",
                table: "ServiceProviders",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Stations_ProviderId",
                table: "Stations",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_Stations_TenantId_ProviderId_Name",
                table: "Stations",
                columns: new[] { "TenantId", "ProviderId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchDecisions");

            migrationBuilder.DropTable(
                name: "DispatchSettings");

            migrationBuilder.DropTable(
                name: "GrabOffers");

            migrationBuilder.DropTable(
                name: "Stations");

            migrationBuilder.DropTable(
                name: "ServiceProviders");

            migrationBuilder.DropIndex(
                name: "IX_EngineerProfiles_TenantId_StationId",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "Certificates",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "LastLatitude",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "LastLocatedAt",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "LastLongitude",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "LeaveDays",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "ServiceRadiusKm",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "Shifts",
                table: "EngineerProfiles");

            migrationBuilder.DropColumn(
                name: "StationId",
                table: "EngineerProfiles");
        }
    }
}
