using System.Collections;
using System.Data.Common;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>One result set read into memory, replayed as a forward-only reader (<see cref="BatchedReads"/>).</summary>
internal sealed class BufferedRows : DbDataReader
{
    private readonly string[] _names;
    private readonly Type[] _types;
    private readonly List<object[]> _rows;
    private int _current = -1;
    private bool _closed;

    private BufferedRows(string[] names, Type[] types, List<object[]> rows)
    {
        _names = names;
        _types = types;
        _rows = rows;
    }

    /// <summary>Reads the current result set of <paramref name="reader"/> to its end (values as the reader's default CLR types).</summary>
    public static async Task<BufferedRows> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var names = new string[reader.FieldCount];
        var types = new Type[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
            types[i] = reader.GetFieldType(i);
        }

        var rows = new List<object[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object[names.Length];
            reader.GetValues(row);
            rows.Add(row);
        }

        return new BufferedRows(names, types, rows);
    }

    public override int FieldCount => _names.Length;

    public override bool HasRows => _rows.Count > 0;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => !_closed && ++_current < _rows.Count;

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public override bool NextResult() => false;

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => _names[ordinal];

    public override int GetOrdinal(string name) => Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.Ordinal)) is var i and >= 0
        ? i
        : Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is var j and >= 0 ? j : throw new IndexOutOfRangeException(name);

    public override Type GetFieldType(int ordinal) => _types[ordinal];

    public override string GetDataTypeName(int ordinal) => _types[ordinal].Name;

    public override object GetValue(int ordinal) => _rows[_current][ordinal];

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, FieldCount);
        Array.Copy(_rows[_current], values, n);
        return n;
    }

    public override bool IsDBNull(int ordinal) => GetValue(ordinal) is DBNull;

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => Task.FromResult(IsDBNull(ordinal));

    public override T GetFieldValue<T>(int ordinal) => (T)GetValue(ordinal);

    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => Task.FromResult(GetFieldValue<T>(ordinal));

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);

    public override char GetChar(int ordinal) => (char)GetValue(ordinal);

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);

    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);

    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);

    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);

    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("Buffered rows are read whole.");

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("Buffered rows are read whole.");

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);
}
