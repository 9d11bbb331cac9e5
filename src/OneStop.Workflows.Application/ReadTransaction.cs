using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application;

/// <summary>
/// One transaction around a query use case's statements on the request's context: one snapshot and one PostgreSQL
/// transaction instead of one per statement. On SQLite, or inside a transaction already open, it does nothing.
/// </summary>
public sealed class ReadTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _transaction;

    private ReadTransaction(IDbContextTransaction? transaction) => _transaction = transaction;

    /// <summary>Begins a repeatable-read transaction on PostgreSQL (a small write such as an audit entry may join it).</summary>
    public static async Task<ReadTransaction> BeginAsync(OneStopDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null)
        {
            return new(null);
        }

        db.Database.AutoSavepointsEnabled = false; // a failed write fails the whole read; no savepoint round trips
        return new(await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct));
    }

    /// <summary>Ends the transaction, keeping what was written in it.</summary>
    public Task CompleteAsync(CancellationToken ct) => _transaction?.CommitAsync(ct) ?? Task.CompletedTask;

    /// <summary>Rolls back unless completed.</summary>
    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>Opens a <see cref="ReadTransaction"/> on the request's context.</summary>
public static class ReadTransactionExtensions
{
    /// <summary>See <see cref="ReadTransaction.BeginAsync"/>.</summary>
    public static Task<ReadTransaction> ReadTransactionAsync(this OneStopDbContext db, CancellationToken ct) => ReadTransaction.BeginAsync(db, ct);
}
