using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>A case in full (status, tasks, timeline, unmasked applicant); every such read is audited.</summary>
public static class GetCase
{
    public static void MapGetCase(this RouteGroupBuilder api) =>
        api.MapGet("/cases/{id}", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetCase").WithSummary("A case with its tasks and timeline; the unmasked personal data read is audited.")
            .Produces<CaseDetail>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, IClock clock, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!CaseId.TryParse(id, out var caseId) || !await CaseAccess.CanSeeAsync(db, user, caseId, ct))
        {
            return Problems.NotFound("No case with that id is visible to you.");
        }

        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == caseId, ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var timeline = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == caseId.Value).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        db.AuditEvents.Add(new AuditEvent(clock.GetCurrentInstant(), user.UserName, AuditActions.PersonalDataRead, caseId.Value, c.Number, null, "GET /api/cases/{id}"));
        await db.SaveChangesAsync(ct);
        return Results.Ok(new CaseDetail(c.Id.ToString(), c.Number, c.ServiceItemCode, c.Status.ToString(), c.Decision?.ToString(), c.DecisionReasons,
            c.RemedyRights, c.ResultDocument, c.Applicant, System.Text.Json.Nodes.JsonNode.Parse(c.FormJson), c.Materials, c.ReceivedAt.ToString(), IsoDate.Format(c.ReceiptDate),
            IsoDate.Format(c.AcceptanceDate), IsoDate.Format(c.DecisionDate), c.Owner, c.DeliveryMethod.ToString(), c.DeliveryStatus.ToString(), c.TrackingNumber,
            c.InstanceId.ToString(), tasks.Select(TaskView.From).ToList(), timeline.Select(TimelineEntry.From).ToList()));
    }
}
