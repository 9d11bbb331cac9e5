using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>One column: its property (inside a complex property or not), store type and conversion.</summary>
internal sealed class PostgreSqlColumnShape
{
    private static int _next;
    private readonly IProperty _property;
    private readonly IComplexProperty? _complex;
    private readonly IClrPropertyGetter _getter;
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter;
    private readonly string _dataType;

    private PostgreSqlColumnShape(IProperty property, IComplexProperty? complex, string quoted, bool isKey)
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

    public static PostgreSqlColumnShape? Of(IProperty property, StoreObjectIdentifier table, IKey key, IComplexProperty? complex = null)
    {
        var storeGenerated = property.GetComputedColumnSql() is not null
            || (property.ValueGenerated != ValueGenerated.Never
                && (property.GetDefaultValueSql() is not null || NpgsqlPropertyExtensions.GetValueGenerationStrategy(property) != NpgsqlValueGenerationStrategy.None));
        if (property.IsShadowProperty() || property.GetColumnName(table) is not { } name || storeGenerated)
        {
            return null;
        }

        return new PostgreSqlColumnShape(property, complex, PostgreSqlNames.Quote(name), key.Properties.Contains(property));
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
