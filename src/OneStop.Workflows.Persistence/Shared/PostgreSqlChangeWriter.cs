using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

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
/// up to <see cref="TableShape.MaxRowsPerInsert"/> rows of a table in one multi-row <c>INSERT … VALUES (…), (…)</c>.
/// An entity type it cannot write exactly — owned, table-split, shadow or store-generated values, nested or optional
/// complex types — makes <see cref="TrySaveAsync"/> write nothing and answer <c>false</c>; the caller then calls
/// <c>SaveChanges</c>. The caller detects changes first.
/// </remarks>
public static class PostgreSqlChangeWriter
{
    private static readonly ConcurrentDictionary<IEntityType, TableShape?> Shapes = new();

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
    public static bool CanWrite(IEntityType type) => Shapes.GetOrAdd(type, TableShape.Of) is not null;

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

        var changed = new List<(TableShape Shape, EntityEntry Entry)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (Shapes.GetOrAdd(entry.Metadata, TableShape.Of) is not { } shape)
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
        var checkedRows = new List<(int Command, TableShape Shape, EntityState State)>();
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
            foreach (var rows in table.Select(c => c.Entry).Chunk(TableShape.MaxRowsPerInsert))
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

    /// <summary>One table's columns and statements, from the EF model.</summary>
    private sealed class TableShape
    {
        private readonly IReadOnlyList<ColumnShape> _columns;
        private readonly IReadOnlyList<ColumnShape> _keys;
        private readonly IReadOnlyList<ColumnShape> _tokens;
        private readonly string[] _inserts;
        private readonly string _delete;
        private readonly ConcurrentDictionary<string, string> _updates = new(StringComparer.Ordinal);

        private TableShape(string name, int rank, IReadOnlyList<ColumnShape> columns)
        {
            Name = name;
            Rank = rank;
            _columns = columns;
            _keys = columns.Where(c => c.IsKey).ToList();
            _tokens = columns.Where(c => c.IsToken).ToList();
            _inserts = Enumerable.Range(1, MaxRowsPerInsert).Select(rows => $"INSERT INTO {name} ({string.Join(", ", columns.Select(c => c.Quoted))}) VALUES " +
                string.Join(", ", Enumerable.Range(0, rows).Select(row => "(" + string.Join(", ", columns.Select((_, i) => "$" + ((row * columns.Count) + i + 1))) + ")"))).ToArray();
            _delete = $"DELETE FROM {name} WHERE {Where(_keys.Concat(_tokens), 1)}";
        }

        public string Name { get; }

        /// <summary>0 for a table no other table's foreign key points from; principals get a lower rank than their dependents.</summary>
        public int Rank { get; }

        public static TableShape? Of(IEntityType type)
        {
            if (type.IsOwned() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.GetTableName() is not { } tableName
                || type.GetTableMappings().Count() != 1 || type.FindPrimaryKey() is not { } key)
            {
                return null;
            }

            var table = StoreObjectIdentifier.Table(tableName, type.GetSchema());
            if (type.Model.GetEntityTypes().Count(t => t != type && t.GetTableName() == tableName && t.GetSchema() == type.GetSchema()) > 0)
            {
                return null; // table splitting
            }

            var columns = new List<ColumnShape>();
            foreach (var property in type.GetProperties())
            {
                if (ColumnShape.Of(property, table, key) is not { } column)
                {
                    return null;
                }

                columns.Add(column);
            }

            foreach (var complex in type.GetComplexProperties())
            {
                if (complex.IsNullable || complex.IsCollection || complex.ComplexType.GetComplexProperties().Any())
                {
                    return null;
                }

                foreach (var property in complex.ComplexType.GetProperties())
                {
                    if (ColumnShape.Of(property, table, key, complex) is not { } column)
                    {
                        return null;
                    }

                    columns.Add(column);
                }
            }

            return new TableShape(PostgreSqlNames.Table(table), RankOf(type, []), columns);
        }

        private static int RankOf(IEntityType type, HashSet<IEntityType> seen)
        {
            if (!seen.Add(type))
            {
                return 0;
            }

            var principals = type.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(p => p != type).ToList();
            return principals.Count == 0 ? 0 : 1 + principals.Max(p => RankOf(p, seen));
        }

        /// <summary>Rows per multi-row INSERT at most (each row count is its own prepared statement).</summary>
        public const int MaxRowsPerInsert = 16;

        public NpgsqlBatchCommand Insert(IReadOnlyList<EntityEntry> rows)
        {
            var command = new NpgsqlBatchCommand(_inserts[rows.Count - 1]);
            foreach (var entry in rows)
            {
                foreach (var column in _columns)
                {
                    command.Parameters.Add(column.Parameter(column.Current(entry)));
                }
            }

            return command;
        }

        public NpgsqlBatchCommand Update(EntityEntry entry)
        {
            var set = _columns.Where(c => !c.IsKey && c.IsModified(entry)).ToList();
            if (set.Count == 0)
            {
                // Nothing but unmapped state changed: still check the row is there at the version read, as EF would not write at all.
                set = _tokens.Count > 0 ? [.. _tokens] : [.. _keys];
            }

            var shapeKey = string.Join(',', set.Select(c => c.Index));
            var sql = _updates.GetOrAdd(shapeKey, _ =>
                $"UPDATE {Name} SET {string.Join(", ", set.Select((c, i) => $"{c.Quoted} = ${i + 1}"))} WHERE {Where(_keys.Concat(_tokens), set.Count + 1)}");
            var command = new NpgsqlBatchCommand(sql);
            foreach (var column in set)
            {
                command.Parameters.Add(column.Parameter(column.Current(entry)));
            }

            AddOriginals(command, entry);
            return command;
        }

        public NpgsqlBatchCommand Delete(EntityEntry entry)
        {
            var command = new NpgsqlBatchCommand(_delete);
            AddOriginals(command, entry);
            return command;
        }

        private void AddOriginals(NpgsqlBatchCommand command, EntityEntry entry)
        {
            foreach (var column in _keys.Concat(_tokens))
            {
                command.Parameters.Add(column.Parameter(column.Original(entry)));
            }
        }

        private static string Where(IEnumerable<ColumnShape> columns, int first)
        {
            var where = new StringBuilder();
            var n = first;
            foreach (var column in columns)
            {
                where.Append(where.Length == 0 ? string.Empty : " AND ").Append(column.Quoted).Append(" = $").Append(n++);
            }

            return where.ToString();
        }
    }

    /// <summary>One column: its property (inside a complex property or not), store type and conversion.</summary>
    private sealed class ColumnShape
    {
        private static int _next;
        private readonly IProperty _property;
        private readonly IComplexProperty? _complex;
        private readonly IClrPropertyGetter _getter;
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter;
        private readonly string _dataType;

        private ColumnShape(IProperty property, IComplexProperty? complex, string quoted, bool isKey)
        {
            _property = property;
            _complex = complex;
            _getter = property.GetGetter();
            _converter = property.GetTypeMapping().Converter;
            _dataType = PostgreSqlNames.DataType(property);
            Quoted = quoted;
            IsKey = isKey;
            IsToken = property.IsConcurrencyToken && !isKey;
            Index = Interlocked.Increment(ref _next);
        }

        public string Quoted { get; }

        public bool IsKey { get; }

        public bool IsToken { get; }

        /// <summary>Unique per column of the process (names an update's column set).</summary>
        public int Index { get; }

        public static ColumnShape? Of(IProperty property, StoreObjectIdentifier table, IKey key, IComplexProperty? complex = null)
        {
            var storeGenerated = property.GetComputedColumnSql() is not null
                || (property.ValueGenerated != ValueGenerated.Never
                    && (property.GetDefaultValueSql() is not null || NpgsqlPropertyExtensions.GetValueGenerationStrategy(property) != NpgsqlValueGenerationStrategy.None));
            if (property.IsShadowProperty() || property.GetColumnName(table) is not { } name || storeGenerated)
            {
                return null;
            }

            return new ColumnShape(property, complex, PostgreSqlNames.Quote(name), key.Properties.Contains(property));
        }

        public object? Current(EntityEntry entry)
        {
            if (_complex is null && entry.Property(_property).IsTemporary)
            {
                throw new InvalidOperationException($"{_property.DeclaringType.DisplayName()}.{_property.Name} has a temporary value; the row cannot be written.");
            }

            return _getter.GetClrValueUsingContainingEntity(entry.Entity);
        }

        public object? Original(EntityEntry entry) => entry.OriginalValues[_property];

        public bool IsModified(EntityEntry entry) => _complex is null
            ? entry.Property(_property).IsModified
            : entry.ComplexProperty(_complex).Property(_property).IsModified;

        public NpgsqlParameter Parameter(object? value)
        {
            if (value is not null && _converter is not null)
            {
                value = _converter.ConvertToProvider(value);
            }

            return new NpgsqlParameter { Value = value ?? DBNull.Value, DataTypeName = _dataType };
        }
    }
}
