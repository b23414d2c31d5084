using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueHours = table.Column<int>(type: "integer", nullable: false),
                    MaxAttempts = table.Column<int>(type: "integer", nullable: false),
                    RetryWindowHours = table.Column<int>(type: "integer", nullable: false),
                    SurveyValidHours = table.Column<int>(type: "integer", nullable: false),
                    QualitySamplePercent = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallbackTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkOrderCompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WorkOrderNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WorkOrderKind = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    EngineerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ServiceRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    UnreachableCount = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AutoCloseAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Csat = table.Column<int>(type: "integer", nullable: true),
                    Nps = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NewProblem = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NewRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    Complaint = table.Column<bool>(type: "boolean", nullable: false),
                    Resolution = table.Column<int>(type: "integer", nullable: true),
                    FollowUpWorkOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SurveyNonce = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SurveySentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SurveyAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    QualityResult = table.Column<int>(type: "integer", nullable: true),
                    QualityNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    QualityById = table.Column<Guid>(type: "uuid", nullable: true),
                    QualityByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    QualityAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallbackAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CallbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
