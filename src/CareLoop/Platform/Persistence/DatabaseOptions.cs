namespace CareLoop.Platform.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite file used when no <c>ConnectionStrings:CareLoop</c> is given.</summary>
    public string SqlitePath { get; set; } = "./data/careloop.db";

    /// <summary>Apply pending migrations when the app starts. Production pipelines may run <c>migrate</c> instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
