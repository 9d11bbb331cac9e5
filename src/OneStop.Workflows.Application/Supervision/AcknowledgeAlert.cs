using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>
/// The recipient acknowledges an alert (audited, <see cref="AuditActions.AlertAcknowledged"/>). Idempotent: acknowledging again answers
/// the first acknowledgement. Only the recipient may (forbidden for anyone else); an unknown id is not found.
/// </summary>
public sealed class AcknowledgeAlert(OneStopDbContext db, IClock clock)
{
    public sealed record Command(string AlertId);

    public async Task<Result<AlertView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        var alerts = db.Set<AlertRow>();
        var alert = Guid.TryParse(command.AlertId, out var alertId) ? await alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct) : null;
        if (alert is null)
        {
            return Refusal.NotFound("No alert has that id.");
        }

        if (alert.Recipient != actor.UserName)
        {
            return Refusal.Forbidden("Only the alert's recipient may acknowledge it.");
        }

        if (alert.AcknowledgedAt is null)
        {
            var now = clock.GetCurrentInstant();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            // Guarded: of two acknowledgements at once, the first stands and only it is audited.
            var marked = await alerts.Where(a => a.Id == alertId && a.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedBy, actor.UserName), ct);
            if (marked == 1)
            {
                db.AuditEvents.Add(new AuditEvent(now, actor.UserName, AuditActions.AlertAcknowledged, alert.CaseId, alert.Id.ToString(),
                    JsonSerializer.Serialize(new { signalId = alert.SignalId, level = alert.Level.ToString(), rule = alert.Rule }), null));
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            alert = await alerts.AsNoTracking().FirstAsync(a => a.Id == alertId, ct);
        }

        var numbers = await CaseNumbers.LoadAsync(db, [alert.CaseId], ct);
        return AlertView.From(alert, numbers.GetValueOrDefault(alert.CaseId));
    }
}
