using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Quartz.NET's clustered job store tables (raw SQL: they are Quartz's schema, not part of the EF model).
    /// PostgreSQL only: on SQLite CareLoop runs a single node with Quartz's in-memory store.
    /// </summary>
    [DbContext(typeof(CareLoopDbContext))]
    [Migration("20261123235400_QuartzJobStore")]
    public partial class QuartzJobStore : Migration
    {
        private static readonly string[] Tables =
        [
            "qrtz_fired_triggers", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks", "qrtz_simple_triggers",
            "qrtz_simprop_triggers", "qrtz_cron_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_calendars",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            using var stream = typeof(QuartzJobStore).Assembly.GetManifestResourceStream("CareLoop.Migrations.Postgres.Sql.quartz_job_store.sql")
                ?? throw new InvalidOperationException("Embedded Quartz schema script is missing.");
            using var reader = new StreamReader(stream);
            migrationBuilder.Sql(reader.ReadToEnd());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
            }
        }
    }
}
