using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneStop.Workflows.Persistence;

/// <summary>
/// Prepares every SQLite connection EF opens: a busy timeout, so a writer waiting for the write lock
/// (transactions begin with <c>BEGIN IMMEDIATE</c>) waits instead of failing, and WAL, so readers never block the writer.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static SqliteConnectionSetup Instance { get; } = new();

    // busy_timeout first: switching to WAL the first time needs a lock another connection may hold.
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
