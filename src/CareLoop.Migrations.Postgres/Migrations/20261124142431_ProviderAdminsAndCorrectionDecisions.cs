using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProviderAdminsAndCorrectionDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AdminUserIds",
                table: "ServiceProviders",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "AmountFen",
                table: "CorrectionRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RejectedAt",
                table: "CorrectionRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RejectedBy",
                table: "CorrectionRequests",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AdminUserIds",
                table: "ServiceProviders");

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
