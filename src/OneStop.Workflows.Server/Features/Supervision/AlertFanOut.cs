using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Gets the alerts a sweep committed (<see cref="Persistence.Supervision.SweepResult.AlertIds"/>) to the connections of
/// their recipients, whichever server node those are connected to. Answers how many were handed on.
/// </summary>
public interface IAlertFanOut
{
    Task<int> DeliverAsync(IReadOnlyCollection<Guid> alertIds, CancellationToken ct);
}

/// <summary>One node (the embedded default): the sweeping node pushes to its own connections.</summary>
public sealed class LocalAlertFanOut(AlertPusher pusher) : IAlertFanOut
{
    public Task<int> DeliverAsync(IReadOnlyCollection<Guid> alertIds, CancellationToken ct) => pusher.PushAsync(alertIds, ct);
}

/// <summary>
/// Several nodes on one PostgreSQL: the sweeping node announces the committed alert ids with <c>pg_notify</c> on
/// <see cref="Channel"/>, and every node's <see cref="Hosting.NodeNotificationListener"/> (the sweeping node's too) hands them to
/// <see cref="AnnouncedAlertsHandler"/>, which pushes them to the connections that node holds.
/// </summary>
public sealed class PostgresAlertFanOut(IDbContextFactory<OneStopDbContext> contexts) : IAlertFanOut
{
    public const string Channel = "onestop_alerts";

    /// <summary>Ids per notification: 200 × 37 characters stays well under PostgreSQL's 8,000-byte payload limit.</summary>
    private const int IdsPerNotification = 200;

    public async Task<int> DeliverAsync(IReadOnlyCollection<Guid> alertIds, CancellationToken ct)
    {
        if (alertIds.Count == 0)
        {
            return 0;
        }

        // The sweeper answers only the alerts of batches that committed, so every id is announced as it is.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var committed = alertIds.Distinct().ToList();
        foreach (var chunk in committed.Chunk(IdsPerNotification))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, string.Join(',', chunk)], ct);
        }

        return committed.Count;
    }

    /// <summary>The ids of one notification's payload; malformed entries are skipped.</summary>
    public static IReadOnlyList<Guid> ParsePayload(string payload)
    {
        var ids = new List<Guid>();
        foreach (var part in payload.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Guid.TryParse(part, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}

/// <summary>Every node on PostgreSQL: pushes the alerts another (or this) node announced to this node's connections.</summary>
public sealed class AnnouncedAlertsHandler(AlertPusher pusher) : Hosting.INodeNotificationHandler
{
    public string Channel => PostgresAlertFanOut.Channel;

    public Task HandleAsync(string payload, CancellationToken ct) => pusher.PushAsync(PostgresAlertFanOut.ParsePayload(payload), ct);
}
