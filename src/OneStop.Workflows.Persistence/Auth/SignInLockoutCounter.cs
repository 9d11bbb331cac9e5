using Microsoft.EntityFrameworkCore;

namespace OneStop.Workflows.Persistence.Auth;

/// <summary>Counts a failed sign-in in <c>sign_in_lockouts</c> with one atomic upsert, so parallel failures all count.</summary>
public static class SignInLockoutCounter
{
    // The same statement on PostgreSQL and SQLite (3.24+) but for the schema; the update names the target row by its table.
    private const string Upsert = " (\"user_name\", \"consecutive_failures\") VALUES ({0}, 1) " +
        "ON CONFLICT (\"user_name\") DO UPDATE SET \"consecutive_failures\" = \"" + SignInLockoutRowConfiguration.Table + "\".\"consecutive_failures\" + 1";

    private const string PostgresUpsert = "INSERT INTO \"" + OneStopDbContext.Schema + "\".\"" + SignInLockoutRowConfiguration.Table + "\"" + Upsert;
    private const string SqliteUpsert = "INSERT INTO \"" + SignInLockoutRowConfiguration.Table + "\"" + Upsert;

    /// <summary>Adds one failure for <paramref name="userName"/> (creating its row) and returns the count now stored.</summary>
    public static async Task<int> AddFailureAsync(this OneStopDbContext db, string userName, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? SqliteUpsert : PostgresUpsert, [userName], ct);
        return await db.SignInLockouts.AsNoTracking().Where(l => l.UserName == userName).Select(l => l.ConsecutiveFailures).FirstAsync(ct);
    }
}
