namespace CareLoop.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
