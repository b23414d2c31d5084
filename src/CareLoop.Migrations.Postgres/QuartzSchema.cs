namespace CareLoop.Migrations.Postgres;

/// <summary>Reads the PostgreSQL schema script embedded in the Quartz assembly (statements separated by <c>--;;</c>).</summary>
internal static class QuartzSchema
{
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static IEnumerable<string> Statements(string prefix)
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The Quartz package no longer embeds {Resource}; write the schema migration by hand.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", prefix, StringComparison.Ordinal).Replace("{1}", prefix, StringComparison.Ordinal);
        return script
            .Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Join('\n', s.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }
}
