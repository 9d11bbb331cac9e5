using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>One table's columns and statements, from the EF model.</summary>
internal sealed class PostgreSqlTableShape
{
    private readonly IReadOnlyList<PostgreSqlColumnShape> _columns;
    private readonly IReadOnlyList<PostgreSqlColumnShape> _keys;
    private readonly IReadOnlyList<PostgreSqlColumnShape> _tokens;
    private readonly string[] _inserts;
    private readonly string _delete;
    private readonly ConcurrentDictionary<string, string> _updates = new(StringComparer.Ordinal);

    private PostgreSqlTableShape(string name, int rank, IReadOnlyList<PostgreSqlColumnShape> columns)
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

    public static PostgreSqlTableShape? Of(IEntityType type)
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

        var columns = new List<PostgreSqlColumnShape>();
        foreach (var property in type.GetProperties())
        {
            if (PostgreSqlColumnShape.Of(property, table, key) is not { } column)
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
                if (PostgreSqlColumnShape.Of(property, table, key, complex) is not { } column)
                {
                    return null;
                }

                columns.Add(column);
            }
        }

        return new PostgreSqlTableShape(PostgreSqlNames.Table(table), RankOf(type, []), columns);
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

    private static string Where(IEnumerable<PostgreSqlColumnShape> columns, int first)
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
