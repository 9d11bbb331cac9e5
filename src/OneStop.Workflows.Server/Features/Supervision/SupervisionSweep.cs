using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.SimulatedTime;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>What one sweep did: signals raised, committed alerts handed to <see cref="IAlertFanOut"/> for pushing.</summary>
public sealed record SweepOutcome(int SignalsRaised, int AlertsPushed);

/// <summary>
/// One sweep as the server runs it: <see cref="DeadlineSweeper.RaiseDueAsync"/> raises every due signal (each batch one
/// transaction with its audit events and alerts) and answers the alerts it committed, which are then handed to
/// <see cref="IAlertFanOut"/>, which gets them to their recipients' connections on every node. A failed push is logged
/// and not retried: the alert is stored, and clients read their list when they (re)connect.
/// </summary>
public sealed class SupervisionSweep(DeadlineSweeper sweeper, CarryOutDeemedActions deemed, IAlertFanOut fanOut)
{
    public async Task<SweepOutcome> RunAsync(CancellationToken ct)
    {
        var swept = await sweeper.RaiseDueAsync(ct: ct);
        await deemed.RunAsync(ct);
        var pushed = await fanOut.DeliverAsync(swept.AlertIds, ct);
        return new SweepOutcome(swept.Fired, pushed);
    }
}

/// <summary>Pushes committed alerts to the recipients' connections on this node (<see cref="AlertsHub"/>).</summary>
public sealed class AlertPusher(IDbContextFactory<OneStopDbContext> contexts, IHubContext<AlertsHub> hub, LiveAlerts live, ILogger<AlertPusher> logger)
{
    /// <summary>Pushes the committed alerts among <paramref name="alertIds"/> to their recipients; answers how many were sent.</summary>
    public async Task<int> PushAsync(IReadOnlyCollection<Guid> alertIds, CancellationToken ct)
    {
        if (alertIds.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var alerts = new List<AlertRow>();
        foreach (var chunk in alertIds.Distinct().Chunk(1000))
        {
            alerts.AddRange(await db.Set<AlertRow>().AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct));
        }

        var numbers = await CaseNumbers.LoadAsync(db, alerts.Select(a => a.CaseId), ct);
        var sent = 0;
        foreach (var alert in alerts.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id))
        {
            try
            {
                var view = AlertView.From(alert, numbers.GetValueOrDefault(alert.CaseId));
                await hub.Clients.User(alert.Recipient).SendAsync(AlertsHub.AlertRaised, view, ct);
                await live.PublishAsync(alert.Recipient, view);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Pushing alert {Alert} to {Recipient} failed; it stays in their list", alert.Id, alert.Recipient);
            }
        }

        return sent;
    }
}

/// <summary>Sweeps after every change of the simulated clock, so that what became due has fired (and been pushed) when the change answers.</summary>
internal sealed class SweepOnClockChange(SupervisionSweep sweep) : IClockChangeListener
{
    public async Task ClockChangedAsync(Instant now, CancellationToken ct) => await sweep.RunAsync(ct);
}
