using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareLoop.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Quartz.NET's clustered job store tables (prefix <c>qrtz_</c>), from the schema script that the Quartz package
    /// itself ships for PostgreSQL, so the tables always match the Quartz version in use. A Quartz upgrade that changes
    /// the schema needs a new migration (Quartz validates the schema at start and names what is missing).
    /// PostgreSQL only: on SQLite CareLoop runs one node with Quartz's in-memory store.
    /// </summary>
    [DbContext(typeof(PostgresMigrationsContext))]
    [Migration("20261124012500_QuartzJobStore")]
    public partial class QuartzJobStore : Migration
    {
        private const string Prefix = "qrtz_";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.Statements(Prefix))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\\_%' " +
                "LOOP EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(t) || ' CASCADE'; END LOOP; END $$;");
        }
    }
}
