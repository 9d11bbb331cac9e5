using System.Net.Sockets;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Hangfire's job storage, chosen by the database provider: PostgreSQL → <c>Hangfire.PostgreSql</c> in schema
/// <see cref="Schema"/> of the same database (created on first start); SQLite (the embedded default) → in memory, which
/// is safe because the deadline schedule lives in our own tables, not in Hangfire.
/// </summary>
/// <remarks>Registered as the <see cref="JobStorage"/> singleton, so Hangfire's static <c>JobStorage.Current</c> is not used.</remarks>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    /// <summary>How long finished jobs stay visible in the dashboard: a sweep every 30 s makes 120 an hour.</summary>
    public static readonly TimeSpan FinishedJobsKeptFor = TimeSpan.FromHours(1);

    /// <summary>After how long a Hangfire lock row (left by a node that died holding it) counts as abandoned and is removed.</summary>
    public static readonly TimeSpan StaleLockTimeout = TimeSpan.FromMinutes(1);

    public static JobStorage Create(IServiceProvider services)
    {
        var database = services.GetRequiredService<OneStopDatabaseOptions>();
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return Keep(new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = FinishedJobsKeptFor }));
        }

        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,

            // One attempt, then a clear error: the server has already migrated the same database by now, so a failure
            // here is worth stopping for rather than starting Hangfire "degraded" and sweeping nothing.
            StartupConnectionMaxRetries = 0,
            AllowDegradedModeWithoutStorage = false,
            QueuePollInterval = TimeSpan.FromSeconds(5),

            // Issue 12: a node killed while it held one of Hangfire's locks (the recurring sweep's, taken for a moment every
            // tick) leaves the lock row behind; the default ten minutes until it counts as abandoned meant no sweep, and no
            // start-up of the restarted node, for that long. Hangfire holds these locks for milliseconds here.
            DistributedLockTimeout = StaleLockTimeout,
        };
        try
        {
            return Keep(new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options));
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Hangfire could not prepare its storage (schema '{Schema}') on {database.Describe()}: {ex.GetBaseException().Message} " +
                $"Check that PostgreSQL is running and reachable with ConnectionStrings:{OneStopDatabaseOptions.ConnectionStringName}, " +
                $"and that its user may create schema '{Schema}' (or create it beforehand); or set {SupervisionOptions.Section}:Enabled=false " +
                "on this node to run without the deadline sweep.", ex);
        }
    }

    private static JobStorage Keep(JobStorage storage)
    {
        storage.JobExpirationTimeout = FinishedJobsKeptFor;
        return storage;
    }
}
