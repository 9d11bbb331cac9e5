using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>
/// Writes a context's detected changes on PostgreSQL the way <c>SaveChanges</c> would — a single-row
/// <c>UPDATE … WHERE key AND concurrency token</c> or <c>DELETE</c> per entity, the new rows of a table as one
/// <c>INSERT … VALUES</c>, in one round trip, in the caller's transaction — but with each table's statements built once
/// from the EF model and positional parameters
/// (Npgsql prepares them), instead of EF's per-save command preparation, which was a fifth of the server's CPU per case
/// (docs/benchmarks.md, issue 9). Same rows, same checks: an update or delete that finds no row throws
/// <see cref="DbUpdateConcurrencyException"/>, a database error is wrapped in <see cref="DbUpdateException"/>, and the
/// tracker accepts the changes afterwards.
/// </summary>
/// <remarks>
/// Order: updates, then deletions (a new row may take a deleted row's unique key), then inserts, principal tables first,
/// up to <see cref="PostgreSqlTableShape.MaxRowsPerInsert"/> rows of a table in one multi-row <c>INSERT … VALUES (…), (…)</c>.
/// An entity type it cannot write exactly — owned, table-split, shadow or store-generated values, nested or optional
/// complex types — makes <see cref="TrySaveAsync"/> write nothing and answer <c>false</c>; the caller then calls
/// <c>SaveChanges</c>. The caller detects changes first.
/// </remarks>
public static class PostgreSqlChangeWriter
{
    private static readonly ConcurrentDictionary<IEntityType, PostgreSqlTableShape?> Shapes = new();

    /// <summary>
    /// Saves the context's changes inside its open PostgreSQL transaction with <see cref="TrySaveAsync"/>, otherwise (SQLite,
    /// no transaction, a type not covered) with <c>SaveChanges</c>.
    /// </summary>
    public static async Task SaveAsync(DbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null)
        {
            db.ChangeTracker.DetectChanges();
            if (await TrySaveAsync(db, [], ct))
            {
                return;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether rows of <paramref name="type"/> are written here (otherwise a save holding one goes to <c>SaveChanges</c>).</summary>
    public static bool CanWrite(IEntityType type) => Shapes.GetOrAdd(type, PostgreSqlTableShape.Of) is not null;

    /// <summary>
    /// Writes every detected change, and <paramref name="statements"/> (positional parameters; after the deletions, before
    /// the inserts), in one round trip and accepts the changes; <c>false</c>, having written nothing, if a change is of a
    /// type it does not write.
    /// </summary>
    /// <remarks>
    /// With <paramref name="acceptChanges"/> false the tracker keeps the entries as they were (EF's <c>AcceptAllChanges</c> is
    /// a fifth of the writer's cost): only for a context that is disposed, not saved again, after the caller's commit.
    /// </remarks>
    public static async Task<bool> TrySaveAsync(DbContext db, IReadOnlyList<(string Sql, object[] Values)> statements, CancellationToken ct, bool acceptChanges = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not NpgsqlTransaction transaction)
        {
            return false;
        }

        var changed = new List<(PostgreSqlTableShape Shape, EntityEntry Entry)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (Shapes.GetOrAdd(entry.Metadata, PostgreSqlTableShape.Of) is not { } shape)
            {
                return false;
            }

            changed.Add((shape, entry));
        }

        if (changed.Count == 0 && statements.Count == 0)
        {
            return true;
        }

        // Updates and deletions one row a statement (each is checked); then the caller's statements; then the new rows,
        // principal tables first, several rows of a table in one multi-row INSERT.
        var checkedRows = new List<(int Command, PostgreSqlTableShape Shape, EntityState State)>();
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), transaction);
        foreach (var state in new[] { EntityState.Modified, EntityState.Deleted })
        {
            foreach (var (shape, entry) in changed.Where(c => c.Entry.State == state))
            {
                checkedRows.Add((batch.BatchCommands.Count, shape, state));
                batch.BatchCommands.Add(state == EntityState.Modified ? shape.Update(entry) : shape.Delete(entry));
            }
        }

        AddStatements(batch, statements);
        foreach (var table in changed.Where(c => c.Entry.State == EntityState.Added).GroupBy(c => c.Shape).OrderBy(g => g.Key.Rank))
        {
            foreach (var rows in table.Select(c => c.Entry).Chunk(PostgreSqlTableShape.MaxRowsPerInsert))
            {
                batch.BatchCommands.Add(table.Key.Insert(rows));
            }
        }

        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex)
        {
            throw new DbUpdateException($"An error occurred while saving the step's changes: {ex.MessageText}", ex);
        }

        foreach (var (command, shape, state) in checkedRows)
        {
            if (batch.BatchCommands[command].RecordsAffected != 1)
            {
                throw new DbUpdateConcurrencyException(
                    $"{shape.Name}: the {state.ToString().ToLowerInvariant()} row was changed or deleted by someone else.");
            }
        }

        if (acceptChanges)
        {
            db.ChangeTracker.AcceptAllChanges();
        }

        return true;
    }

    private static void AddStatements(NpgsqlBatch batch, IReadOnlyList<(string Sql, object[] Values)> statements)
    {
        foreach (var (sql, values) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            batch.BatchCommands.Add(command);
        }
    }
}
