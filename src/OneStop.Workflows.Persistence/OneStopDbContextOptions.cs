using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OneStop.Workflows.Persistence;

/// <summary>Configures a context for the chosen provider; shared by the runtime registration and the design-time factories.</summary>
public static class OneStopDbContextOptions
{
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, OneStopDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            DatabaseProvider.PostgreSql => builder.UseNpgsql(WithAutoPrepare(WithoutResetOnClose(options.ConnectionString)), npgsql =>
            {
                npgsql.UseNodaTime();
                npgsql.MigrationsHistoryTable(MigrationsHistoryTable, OneStopDbContext.Schema);
            }).AddInterceptors(Shared.BatchedReadInterceptor.Instance),
            DatabaseProvider.Sqlite => builder
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(SqliteConnectionSetup.Instance),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
        };
    }

    /// <summary>
    /// The contexts' PostgreSQL connection string with <c>No Reset On Close</c> on, unless it says otherwise. Npgsql resets a
    /// pooled connection with <c>DISCARD ALL</c> — a round trip and a transaction of its own — each time a context opens
    /// one; OneStop's contexts leave no session state behind (no <c>SET</c>, temporary tables, prepared statements, session
    /// locks; <c>LISTEN</c> has its own unpooled connection; statements prepared automatically are meant to stay), so the reset is pure cost: about half of a case's transactions
    /// (docs/benchmarks.md, "Where a case's transactions come from").
    /// </summary>
    public static string WithoutResetOnClose(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The contexts' PostgreSQL connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c> 64), unless
    /// it says otherwise: a statement run a few times on a pooled connection is prepared there, so PostgreSQL stops parsing and
    /// planning the same few dozen statements of every step. Kept with the connection (see <see cref="WithoutResetOnClose"/>).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates the folder of a SQLite database file if it is missing (nothing for in-memory databases).</summary>
    public static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
