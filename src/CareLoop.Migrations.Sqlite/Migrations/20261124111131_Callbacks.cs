using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Callbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallbackSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueHours = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    RetryWindowHours = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveyValidHours = table.Column<int>(type: "INTEGER", nullable: false),
                    QualitySamplePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallbackTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderCompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WorkOrderNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WorkOrderKind = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EngineerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    UnreachableCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AutoCloseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Csat = table.Column<int>(type: "INTEGER", nullable: true),
                    Nps = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NewProblem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NewRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Complaint = table.Column<bool>(type: "INTEGER", nullable: false),
                    Resolution = table.Column<int>(type: "INTEGER", nullable: true),
                    FollowUpWorkOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SurveyNonce = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SurveySentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SurveyAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QualityResult = table.Column<int>(type: "INTEGER", nullable: true),
                    QualityNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    QualityById = table.Column<Guid>(type: "TEXT", nullable: true),
                    QualityByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    QualityAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallbackAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallbackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallbackAttempts_CallbackTasks_CallbackId",
                        column: x => x.CallbackId,
                        principalTable: "CallbackTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackAttempts_CallbackId",
                table: "CallbackAttempts",
                column: "CallbackId");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackSettings_TenantId",
                table: "CallbackSettings",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_TenantId_OwnerId_Status",
                table: "CallbackTasks",
                columns: new[] { "TenantId", "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_TenantId_Status_AutoCloseAt",
                table: "CallbackTasks",
                columns: new[] { "TenantId", "Status", "AutoCloseAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_TenantId_Status_DueAt",
                table: "CallbackTasks",
                columns: new[] { "TenantId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_TenantId_WorkOrderId_WorkOrderCompletedAt",
                table: "CallbackTasks",
                columns: new[] { "TenantId", "WorkOrderId", "WorkOrderCompletedAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallbackAttempts");

            migrationBuilder.DropTable(
                name: "CallbackSettings");

            migrationBuilder.DropTable(
                name: "CallbackTasks");
        }
    }
}
