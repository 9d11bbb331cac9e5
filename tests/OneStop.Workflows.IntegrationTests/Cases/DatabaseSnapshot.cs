using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>
/// Every row of every table of the DbContext model (each entity type's table, owned and split tables included) as text, to
/// compare before and after. Read with plain SQL, so shadow columns and JSON columns count too and no entity type can be
/// missed: an entity type that maps to no table (a view, a keyless query type) fails the snapshot until it is handled here.
/// </summary>
/// <remarks>
/// Nothing is excepted: the data-protection key ring (<c>data_protection_keys</c>) only changes when a key is created or rolls over,
/// which no request of a test causes; if that ever changes, except it here with the reason. Tables outside the model (EF's
/// migrations history, Hangfire's schema, off in tests) are not the application's data.
/// </remarks>
public static class DatabaseSnapshot
{
    /// <summary>The whole database as one text (tables in name order, rows sorted).</summary>
    public static async Task<string> TakeAsync(OneStopApiFactory factory) =>
        JsonSerializer.Serialize(await TakeTablesAsync(factory));

    /// <summary>Table name → its rows, each row as text (columns in order, values invariant), rows sorted.</summary>
    public static async Task<SortedDictionary<string, List<string>>> TakeTablesAsync(OneStopApiFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = new SortedSet<(string? Schema, string Table)>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                throw new InvalidOperationException(
                    $"DatabaseSnapshot cannot read entity type {entity.DisplayName()}: it maps to no table. Teach the snapshot to read it.");
            }

            tables.Add((entity.GetSchema(), table));
        }

        var snapshot = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var (schema, table) in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {sql.DelimitIdentifier(table, schema)}";
                snapshot[schema is null ? table : $"{schema}.{table}"] = await ReadRowsAsync(command);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return snapshot;
    }

    private static async Task<List<string>> ReadRowsAsync(DbCommand command)
    {
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.GetName(i)).Append('=').Append(Format(reader.GetValue(i))).Append(" | ");
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Format(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime dateTime => dateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("O", CultureInfo.InvariantCulture),
        Array array => "[" + string.Join(",", array.Cast<object>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ when value.ToString() is { } text && text != value.GetType().ToString() => text,
        _ => throw new InvalidOperationException($"DatabaseSnapshot cannot write a column value of type {value.GetType()} as text; teach Format to."),
    };
}
