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
            DatabaseProvider.PostgreSql => builder.UseNpgsql(options.ConnectionString, npgsql =>
            {
                npgsql.UseNodaTime();
                npgsql.MigrationsHistoryTable(MigrationsHistoryTable, OneStopDbContext.Schema);
            }),
            DatabaseProvider.Sqlite => builder
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(SqliteConnectionSetup.Instance),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
        };
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
