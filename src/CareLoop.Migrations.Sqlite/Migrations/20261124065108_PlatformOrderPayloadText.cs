using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PlatformOrderPayloadText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "PayloadCipher",
                table: "RejectedPlatformOrders",
                type: "text",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 4000);

            migrationBuilder.AlterColumn<string>(
                name: "WorkOrderIds",
                table: "PlatformOrders",
                type: "text",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 4000);

            migrationBuilder.AlterColumn<string>(
                name: "PayloadCipher",
                table: "PlatformOrders",
                type: "text",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 4000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "PayloadCipher",
                table: "RejectedPlatformOrders",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldMaxLength: 4000);

            migrationBuilder.AlterColumn<string>(
                name: "WorkOrderIds",
                table: "PlatformOrders",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldMaxLength: 4000);

            migrationBuilder.AlterColumn<string>(
                name: "PayloadCipher",
                table: "PlatformOrders",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldMaxLength: 4000);
        }
    }
}
