using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>
/// Runs a fixed set of EF queries in one round trip on PostgreSQL. The first time a named set runs (per model), its
/// queries run one by one as usual and <see cref="BatchedReadInterceptor"/> keeps the SQL EF sent; from then on that SQL
/// goes as one <see cref="NpgsqlBatch"/> in the context's transaction, the result sets are buffered, and the same EF
/// queries run again over the buffers — the interceptor answers each command from its buffer instead of the database — so
/// EF materializes, converts and tracks the rows exactly as before (docs/benchmarks.md, issue 9).
/// </summary>
/// <remarks>
/// A set is kept only if every parameter of every command is one of the values the caller names; a command whose SQL
/// is not the next buffered one simply goes to the database. Outside a PostgreSQL transaction the queries just run.
/// </remarks>
public static class BatchedReads
{
    private static readonly ConcurrentDictionary<(IModel Model, string Name), IReadOnlyList<KeptCommand>> Known = new();

    /// <summary>
    /// Runs <paramref name="reads"/> (EF queries on <paramref name="db"/> only, their parameters drawn from
    /// <paramref name="values"/>, always the same queries for one <paramref name="name"/>) with their commands in one round
    /// trip; answers how many commands were answered from that round trip (0 the first time, or when the set is not kept).
    /// </summary>
    public static async Task<int> RunAsync(OneStopDbContext db, string name, object[] values, Func<Task> reads, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(reads);
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction?.GetDbTransaction() is not NpgsqlTransaction transaction)
        {
            await reads();
            return 0;
        }

        if (!Known.TryGetValue((db.Model, name), out var kept))
        {
            var seen = db.ReadCapture = [];
            try
            {
                await reads();
            }
            finally
            {
                db.ReadCapture = null;
            }

            if (Keep(seen, values) is { } learned)
            {
                Known.TryAdd((db.Model, name), learned);
            }

            return 0;
        }

        var buffered = new Queue<(string Sql, DbDataReader Rows)>();
        await using (var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), transaction))
        {
            foreach (var command in kept)
            {
                var batchCommand = new NpgsqlBatchCommand(command.Sql);
                foreach (var (parameterName, index) in command.Parameters)
                {
                    batchCommand.Parameters.Add(new NpgsqlParameter(parameterName, values[index]));
                }

                batch.BatchCommands.Add(batchCommand);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var command in kept)
            {
                buffered.Enqueue((command.Sql, await BufferedRows.ReadAsync(reader, ct)));
                await reader.NextResultAsync(ct);
            }
        }

        db.BatchedResults = buffered;
        try
        {
            await reads();
            return kept.Count - buffered.Count;
        }
        finally
        {
            db.BatchedResults = null;
        }
    }

    private static List<KeptCommand>? Keep(List<(string Sql, List<(string Name, object? Value)> Parameters)> seen, object[] values)
    {
        var kept = new List<KeptCommand>();
        foreach (var (sql, parameters) in seen)
        {
            var mapped = new List<(string Name, int Index)>();
            foreach (var (parameterName, value) in parameters)
            {
                var index = Array.FindIndex(values, v => Equals(v, value));
                if (index < 0)
                {
                    return null;
                }

                mapped.Add((parameterName, index));
            }

            kept.Add(new KeptCommand(sql, mapped));
        }

        return kept.Count > 0 ? kept : null;
    }

    private sealed record KeptCommand(string Sql, IReadOnlyList<(string Name, int Index)> Parameters);
}

/// <summary>Keeps the commands of a <see cref="BatchedReads"/> set the first time it runs, and answers them from their buffers after that.</summary>
internal sealed class BatchedReadInterceptor : DbCommandInterceptor
{
    public static BatchedReadInterceptor Instance { get; } = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Answer(command, eventData, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Answer(command, eventData, result));

    private static InterceptionResult<DbDataReader> Answer(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (eventData.Context is not OneStopDbContext db)
        {
            return result;
        }

        if (db.ReadCapture is { } capture)
        {
            capture.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        }
        else if (db.BatchedResults is { Count: > 0 } buffered && string.Equals(buffered.Peek().Sql, command.CommandText, StringComparison.Ordinal))
        {
            return InterceptionResult<DbDataReader>.SuppressWithResult(buffered.Dequeue().Rows);
        }

        return result;
    }
}
