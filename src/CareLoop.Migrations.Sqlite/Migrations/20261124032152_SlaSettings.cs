using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
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
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WeekJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SpecialDays = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PoliciesJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
