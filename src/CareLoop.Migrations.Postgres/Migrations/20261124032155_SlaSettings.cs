using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SlaSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SlaSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WeekJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SpecialDays = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PoliciesJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaSettings", x => x.TenantId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaSettings");
        }
    }
}
