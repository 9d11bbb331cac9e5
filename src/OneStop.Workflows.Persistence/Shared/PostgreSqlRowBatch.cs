using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>
/// Takes the context's deleted and added entities of the given types out of the change tracker and writes them as one
/// <c>DELETE … WHERE key = ANY(…)</c> and one multi-row <c>INSERT … SELECT … FROM unnest(…)</c> per type, all in one
/// <see cref="NpgsqlBatch"/> (one round trip) on the context's connection and transaction. For the rows a workflow step
/// writes (journal entries, audit events, tasks, clocks, signals, bookmarks: about 15 a step) this replaces a statement per
/// row and EF's per-row update pipeline (docs/benchmarks.md, issue 9). The columns, types and value conversions come from
/// the EF model, as in <see cref="PostgreSqlBulkInsert"/>.
/// </summary>
/// <remarks>
/// <see cref="Take"/> before <c>SaveChanges</c>, <see cref="Rows.WriteAsync"/> after it (foreign keys may point at rows
/// that <c>SaveChanges</c> inserts), both in the caller's open transaction, which the caller commits. The deletions run
/// first (an insert may take the unique key of a deleted row) — the tracked ones, then the context's
/// <see cref="OneStopDbContext.DeferredDeletes"/> — then the inserts in the order of the types given. A deletion
/// that finds fewer rows than it took throws <see cref="DbUpdateConcurrencyException"/>, as <c>SaveChanges</c> would. Only
/// for entities with a single-column key, without database-generated values, complex or owned types or table splitting.
/// </remarks>
internal static class PostgreSqlRowBatch
{
    /// <summary>
    /// Detaches the deleted entities of <paramref name="deletes"/> and the added entities of <paramref name="inserts"/> and keeps
    /// what <see cref="Rows.WriteAsync"/> needs to write them.
    /// </summary>
    public static Rows Take(DbContext db, IReadOnlyCollection<Type> inserts, IReadOnlyCollection<Type> deletes)
    {
        var removed = new List<Removal>();
        foreach (var type in deletes)
        {
            var gone = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Deleted && e.Metadata.ClrType == type).ToList();
            if (gone.Count == 0)
            {
                continue;
            }

            var entityType = gone[0].Metadata;
            var key = entityType.FindPrimaryKey()!.Properties is [var single] ? single
                : throw new NotSupportedException($"{entityType.DisplayName()} has a composite key; the row batch deletes by a single column.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var ids = Column.Of(key, table, gone.Count);
            for (var row = 0; row < gone.Count; row++)
            {
                ids.Set(row, gone[row].Property(key.Name).OriginalValue);
            }

            gone.ForEach(e => e.State = EntityState.Detached);
            removed.Add(new Removal(PostgreSqlNames.Table(table), ids));
        }

        var tables = new List<Table>();
        foreach (var type in inserts)
        {
            var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Metadata.ClrType == type).ToList();
            if (added.Count == 0)
            {
                continue;
            }

            var entityType = added[0].Metadata;
            if (entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            {
                throw new NotSupportedException($"{entityType.DisplayName()} has complex or owned parts; the row batch writes plain columns only.");
            }

            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var columns = entityType.GetProperties().Select(p => Column.Of(p, table, added.Count)).ToList();
            for (var row = 0; row < added.Count; row++)
            {
                foreach (var column in columns)
                {
                    column.Set(row, added[row].Property(column.Property.Name).CurrentValue);
                }
            }

            added.ForEach(e => e.State = EntityState.Detached);
            tables.Add(new Table(PostgreSqlNames.Table(table), columns));
        }

        var deferred = db is OneStopDbContext own ? own.DeferredDeletes.ToList() : [];
        (db as OneStopDbContext)?.DeferredDeletes.Clear();
        return new Rows(removed, deferred, tables);
    }

    /// <summary>The rows taken out of a context, written by <see cref="WriteAsync"/>.</summary>
    public sealed class Rows
    {
        private readonly IReadOnlyList<Removal> _removed;
        private readonly IReadOnlyList<(string Sql, object[] Values)> _deferred;
        private readonly IReadOnlyList<Table> _tables;

        internal Rows(IReadOnlyList<Removal> removed, IReadOnlyList<(string Sql, object[] Values)> deferred, IReadOnlyList<Table> tables)
        {
            _removed = removed;
            _deferred = deferred;
            _tables = tables;
        }

        /// <summary>Deletes, then inserts, every taken row, one statement per table and kind, in one round trip; nothing when none was taken.</summary>
        public async Task WriteAsync(DbContext db, CancellationToken ct)
        {
            if (_tables.Count == 0 && _removed.Count == 0 && _deferred.Count == 0)
            {
                return;
            }

            var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
                ?? throw new InvalidOperationException("A multi-row insert must run inside the caller's transaction.");
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), transaction);
            foreach (var removal in _removed)
            {
                batch.BatchCommands.Add(removal.Command());
            }

            foreach (var (sql, values) in _deferred)
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.AddRange(values.Select(v => new NpgsqlParameter { Value = v }).ToArray());
                batch.BatchCommands.Add(command);
            }

            foreach (var table in _tables)
            {
                batch.BatchCommands.Add(table.Command());
            }

            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < _removed.Count; i++)
            {
                if (batch.BatchCommands[i].RecordsAffected != _removed[i].Ids.Values.Length)
                {
                    throw new DbUpdateConcurrencyException($"{_removed[i].Name}: {_removed[i].Ids.Values.Length - batch.BatchCommands[i].RecordsAffected} of the deleted rows were already gone.");
                }
            }
        }
    }

    internal sealed record Removal(string Name, Column Ids)
    {
        public NpgsqlBatchCommand Command()
        {
            var command = new NpgsqlBatchCommand($"DELETE FROM {Name} WHERE {PostgreSqlNames.Quote(Ids.Name)} = ANY($1::{Ids.DataType}[])");
            command.Parameters.Add(new NpgsqlParameter { Value = Ids.Values });
            return command;
        }
    }

    internal sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        public NpgsqlBatchCommand Command()
        {
            var names = string.Join(", ", Columns.Select(c => PostgreSqlNames.Quote(c.Name)));
            var arrays = string.Join(", ", Columns.Select((c, i) => $"${i + 1}::{c.DataType}[]"));
            var command = new NpgsqlBatchCommand($"INSERT INTO {Name} ({names}) SELECT * FROM unnest({arrays})");
            foreach (var column in Columns)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = column.Values });
            }

            return command;
        }
    }

    internal sealed record Column(IProperty Property, string Name, string DataType, Array Values)
    {
        public static Column Of(IProperty property, StoreObjectIdentifier table, int rows)
        {
            if (property.ValueGenerated != ValueGenerated.Never)
            {
                throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} is generated by the database; a multi-row insert cannot write it.");
            }

            var mapping = property.GetRelationalTypeMapping();
            var clr = mapping.Converter?.ProviderClrType ?? property.ClrType;
            var element = Nullable.GetUnderlyingType(clr) is { } underlying ? underlying : clr;
            if (element.IsValueType && property.IsNullable)
            {
                element = typeof(Nullable<>).MakeGenericType(element);
            }

            return new Column(property, property.GetColumnName(table)!, PostgreSqlNames.DataType(property), Array.CreateInstance(element, rows));
        }

        public void Set(int row, object? value)
        {
            if (value is not null && Property.GetTypeMapping().Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            Values.SetValue(value, row);
        }
    }
}
