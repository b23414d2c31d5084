using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UnitRegistrationFilesImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "InvoiceFileId",
                table: "RegisteredUnits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "RegisteredUnits",
                type: "integer",
                nullable: false,
                defaultValue: 1); // existing units were registered by staff

            migrationBuilder.AddColumn<DateOnly>(
                name: "WarrantyVoidedOn",
                table: "RegisteredUnits",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PhoneVerifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhoneIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhoneVerifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitTransfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromCustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToCustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TransferredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WarrantyTransferred = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitTransfers_RegisteredUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "RegisteredUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WarrantySettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    GoodwillLimitDays = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarrantySettings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "CustomerImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    TotalRows = table.Column<int>(type: "integer", nullable: true),
                    ProcessedRows = table.Column<int>(type: "integer", nullable: false),
                    CreatedCustomers = table.Column<int>(type: "integer", nullable: false),
                    CreatedUnits = table.Column<int>(type: "integer", nullable: false),
                    SkippedRows = table.Column<int>(type: "integer", nullable: false),
                    RejectedRows = table.Column<int>(type: "integer", nullable: false),
                    Failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerImports_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CustomerImportErrors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    Column = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerImportErrors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerImportErrors_CustomerImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "CustomerImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredUnits_InvoiceFileId",
                table: "RegisteredUnits",
                column: "InvoiceFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImportErrors_ImportId_RowNumber",
                table: "CustomerImportErrors",
                columns: new[] { "ImportId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImports_FileId",
                table: "CustomerImports",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImports_Status",
                table: "CustomerImports",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImports_TenantId_CreatedAt",
                table: "CustomerImports",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PhoneVerifications_TenantId_PhoneIndex_CreatedAt",
                table: "PhoneVerifications",
                columns: new[] { "TenantId", "PhoneIndex", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitTransfers_UnitId",
                table: "UnitTransfers",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_RegisteredUnits_StoredFiles_InvoiceFileId",
                table: "RegisteredUnits",
                column: "InvoiceFileId",
                principalTable: "StoredFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RegisteredUnits_StoredFiles_InvoiceFileId",
                table: "RegisteredUnits");

            migrationBuilder.DropTable(
                name: "CustomerImportErrors");

            migrationBuilder.DropTable(
                name: "PhoneVerifications");

            migrationBuilder.DropTable(
                name: "UnitTransfers");

            migrationBuilder.DropTable(
                name: "WarrantySettings");

            migrationBuilder.DropTable(
                name: "CustomerImports");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_RegisteredUnits_InvoiceFileId",
                table: "RegisteredUnits");

            migrationBuilder.DropColumn(
                name: "InvoiceFileId",
                table: "RegisteredUnits");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "RegisteredUnits");

            migrationBuilder.DropColumn(
                name: "WarrantyVoidedOn",
                table: "RegisteredUnits");
        }
    }
}
