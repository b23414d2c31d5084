using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleTemplatesInOutreach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MilestoneKeys",
                table: "LifecycleCursors",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            // Data: lifecycle templates move into the one Outreach template store, keyed lifecycle.{reminder|warranty|tip}.{days}
            // (docs/adr/0027). Each old key's Outreach text (what was sent) is kept under the new key; templates known only to
            // Lifecycle are added from their body; inactive ones are removed; milestone rows take the new key.
            const string NewKey = "'lifecycle.' || CASE L.\"Kind\" WHEN 1 THEN 'reminder' WHEN 2 THEN 'warranty' ELSE 'tip' END || '.' || CAST(L.\"OffsetDays\" AS TEXT)";
            const string SameOld = "L.\"TenantId\" = \"MessageTemplates\".\"TenantId\" AND 'lifecycle.' || L.\"Key\" = \"MessageTemplates\".\"Key\"";
            migrationBuilder.Sql($"DELETE FROM \"MessageTemplates\" WHERE EXISTS (SELECT 1 FROM \"LifecycleTemplates\" L WHERE {SameOld} AND NOT L.\"IsActive\");");
            migrationBuilder.Sql($"UPDATE \"MessageTemplates\" SET \"Key\" = (SELECT {NewKey} FROM \"LifecycleTemplates\" L WHERE {SameOld}) " +
                                 $"WHERE EXISTS (SELECT 1 FROM \"LifecycleTemplates\" L WHERE {SameOld});");
            migrationBuilder.Sql("UPDATE \"MessageTemplates\" SET \"Text\" = '{customerName}您好，感谢使用我们的产品，这里有几条使用小贴士。' " +
                                 "WHERE \"Key\" LIKE 'lifecycle.tip.%' AND \"Text\" = '感谢使用我们的产品：{items}。';");
            migrationBuilder.Sql("UPDATE \"MessageTemplates\" SET \"Text\" = '{customerName}您好，您的产品保修将于{warrantyEnd}到期，可咨询延保服务。' " +
                                 "WHERE \"Key\" LIKE 'lifecycle.warranty.%' AND \"Text\" = '您的产品保修将于{dueDate}到期，可咨询延保服务。';");
            migrationBuilder.Sql("INSERT INTO \"MessageTemplates\" (\"Id\", \"TenantId\", \"Key\", \"Channel\", \"Text\", \"ProviderTemplateId\", \"Url\", \"Version\") " +
                                 $"SELECT L.\"Id\", L.\"TenantId\", {NewKey}, 1, " +
                                 "SUBSTR(REPLACE(REPLACE(REPLACE(REPLACE(L.\"Body\", '{customer}', '{customerName}'), '{due}', CASE L.\"Kind\" WHEN 2 THEN '{warrantyEnd}' ELSE '{dueDate}' END), " +
                                 "'（{price}）', ''), '{model}', '产品'), 1, 500), 'SMS_CARELOOP_' || UPPER(REPLACE(L.\"Key\", '-', '_')), NULL, 0 " +
                                 $"FROM \"LifecycleTemplates\" L WHERE L.\"IsActive\" AND NOT EXISTS (SELECT 1 FROM \"MessageTemplates\" M WHERE M.\"TenantId\" = L.\"TenantId\" AND M.\"Key\" = {NewKey});");
            migrationBuilder.Sql($"UPDATE \"LifecycleSchedules\" SET \"ItemKey\" = (SELECT {NewKey} FROM \"LifecycleTemplates\" L WHERE L.\"TenantId\" = \"LifecycleSchedules\".\"TenantId\" AND L.\"Key\" = \"LifecycleSchedules\".\"ItemKey\"), " +
                                 $"\"ItemName\" = (SELECT {NewKey} FROM \"LifecycleTemplates\" L WHERE L.\"TenantId\" = \"LifecycleSchedules\".\"TenantId\" AND L.\"Key\" = \"LifecycleSchedules\".\"ItemKey\") " +
                                 "WHERE \"Kind\" <> 1 AND EXISTS (SELECT 1 FROM \"LifecycleTemplates\" L WHERE L.\"TenantId\" = \"LifecycleSchedules\".\"TenantId\" AND L.\"Key\" = \"LifecycleSchedules\".\"ItemKey\");");
            // The roster walk already gave every unit these milestones: record them, so the first run does not walk again.
            migrationBuilder.Sql($"UPDATE \"LifecycleCursors\" SET \"MilestoneKeys\" = COALESCE((SELECT group_concat(K, '|') FROM (SELECT DISTINCT {NewKey} AS K FROM \"LifecycleTemplates\" L WHERE L.\"TenantId\" = \"LifecycleCursors\".\"TenantId\" AND L.\"IsActive\" AND L.\"Kind\" <> 1 ORDER BY K) T), '');");

            migrationBuilder.DropTable(
                name: "LifecycleTemplates");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MilestoneKeys",
                table: "LifecycleCursors");

            migrationBuilder.CreateTable(
                name: "LifecycleTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LifecycleTemplates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LifecycleTemplates_TenantId_Key",
                table: "LifecycleTemplates",
                columns: new[] { "TenantId", "Key" },
                unique: true);
        }
    }
}
