using Microsoft.Extensions.Configuration;

namespace OneStop.Workflows.Persistence;

/// <summary>The database OneStop runs on: SQLite for the embedded default, PostgreSQL in production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Which database to use and how to reach it, read from <c>Database:Provider</c> and <c>ConnectionStrings:OneStop</c>.</summary>
public sealed record OneStopDatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "OneStop";
    public const string DefaultSqliteConnectionString = "Data Source=data/onestop.db";

    public static OneStopDatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"'{ProviderKey}' is '{providerText}'; expected one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString
                : throw new InvalidOperationException($"'ConnectionStrings:{ConnectionStringName}' is required when '{ProviderKey}' is {provider}.");
        }

        return new(provider, connectionString);
    }

    /// <summary>Where the data lives, without secrets: the SQLite file's full path, or PostgreSQL host, port and database.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return $"SQLite file {Path.GetFullPath(source)}";
        }

        var pg = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}";
    }
}
