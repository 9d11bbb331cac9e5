using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// The recipient acknowledges an alert (audited, <see cref="AuditActions.AlertAcknowledged"/>). Idempotent: acknowledging again answers 200 with
/// the first acknowledgement. Only the recipient may (403 for anyone else); an unknown id is 404.
/// </summary>
public static class AcknowledgeAlert
{
    public static void MapAcknowledgeAlert(this RouteGroupBuilder api) =>
        api.MapPost("/supervision/alerts/{id}/acknowledge", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge one of my alerts; repeating it answers the first acknowledgement.")
            .Produces<AlertView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(HttpContext http, string id, IDbContextFactory<OneStopDbContext> contexts, IClock clock, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        if (!Guid.TryParse(id, out var alertId))
        {
            return Problems.NotFound("No alert has that id.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var alerts = db.Set<AlertRow>();
        var alert = await alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return Problems.NotFound("No alert has that id.");
        }

        if (alert.Recipient != user.UserName)
        {
            return Problems.Forbidden("Only the alert's recipient may acknowledge it.");
        }

        if (alert.AcknowledgedAt is null)
        {
            var now = clock.GetCurrentInstant();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            // Guarded: of two acknowledgements at once, the first stands and only it is audited.
            var marked = await alerts.Where(a => a.Id == alertId && a.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedBy, user.UserName), ct);
            if (marked == 1)
            {
                db.AuditEvents.Add(new AuditEvent(now, user.UserName, AuditActions.AlertAcknowledged, alert.CaseId, alert.Id.ToString(),
                    JsonSerializer.Serialize(new { signalId = alert.SignalId, level = alert.Level.ToString(), rule = alert.Rule }), null));
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            alert = await alerts.AsNoTracking().FirstAsync(a => a.Id == alertId, ct);
        }

        var numbers = await CaseNumbers.LoadAsync(db, [alert.CaseId], ct);
        return Results.Ok(AlertView.From(alert, numbers.GetValueOrDefault(alert.CaseId)));
    }
}
