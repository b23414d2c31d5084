using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffMobileSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MobileCipher",
                table: "StaffUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MobileIndex",
                table: "StaffUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MobileMasked",
                table: "StaffUsers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffUsers_TenantId_MobileIndex",
                table: "StaffUsers",
                columns: new[] { "TenantId", "MobileIndex" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffUsers_TenantId_MobileIndex",
                table: "StaffUsers");

            migrationBuilder.DropColumn(
                name: "MobileCipher",
                table: "StaffUsers");

            migrationBuilder.DropColumn(
                name: "MobileIndex",
                table: "StaffUsers");

            migrationBuilder.DropColumn(
                name: "MobileMasked",
                table: "StaffUsers");
        }
    }
}
