using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>
/// While <see cref="Capturing"/>, runs <c>EXPLAIN (ANALYZE, BUFFERS)</c> of every query EF sends, on the same connection and
/// transaction with the same parameters, just before the query itself: the plans of the statements the use cases really send.
/// </summary>
internal sealed class ExplainInterceptor : DbCommandInterceptor
{
    public static ExplainInterceptor Instance { get; } = new();

    public bool Capturing { get; set; }

    public List<(string Sql, string Plan)> Plans { get; } = [];

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Capturing && command is NpgsqlCommand npgsql && npgsql.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + npgsql.CommandText, npgsql.Connection, npgsql.Transaction);
            foreach (NpgsqlParameter p in npgsql.Parameters)
            {
                explain.Parameters.Add(p.Clone());
            }

            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }
            }

            Plans.Add((npgsql.CommandText, string.Join('\n', lines)));
        }

        return result;
    }
}
