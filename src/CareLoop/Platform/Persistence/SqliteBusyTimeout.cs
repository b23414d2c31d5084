using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareLoop.Platform.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>, retried in steps of a few milliseconds)
/// instead of failing at once and leaving Microsoft.Data.Sqlite to retry after coarse sleeps: with many concurrent
/// writers (an order peak) the queue for SQLite's single writer then drains in order, and the slowest requests wait
/// for the writers ahead of them, not for a sleep.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
