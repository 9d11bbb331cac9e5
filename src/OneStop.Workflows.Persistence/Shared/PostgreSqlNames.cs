using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>Quoted identifiers and bare store types from the EF model, for the hand-written PostgreSQL writers (<see cref="PostgreSqlBulkInsert"/>).</summary>
internal static class PostgreSqlNames
{
    public static string Quote(string? identifier) => identifier is null ? "public" : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Table(StoreObjectIdentifier table) => Quote(table.Schema) + "." + Quote(table.Name);

    /// <summary>The column's store type without its facets (<c>character varying(64)</c> → <c>character varying</c>).</summary>
    public static string DataType(IProperty property)
    {
        var storeType = property.GetRelationalTypeMapping().StoreType;
        var facets = storeType.IndexOf('(', StringComparison.Ordinal);
        return facets < 0 ? storeType : storeType[..facets];
    }
}
