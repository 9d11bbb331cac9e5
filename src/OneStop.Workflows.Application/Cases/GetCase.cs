using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Shared;

namespace OneStop.Workflows.Application.Cases;

/// <summary>A case in full (status, tasks, timeline, unmasked applicant) for staff who may see it; every such read is audited.</summary>
public sealed class GetCase(OneStopDbContext db, IClock clock)
{
    /// <summary><see cref="Door"/> names where the read came from, for the audit entry (e.g. <c>GET /api/cases/{id}</c>).</summary>
    public sealed record Query(string CaseId, string Door = "GET /api/cases/{id}");

    public async Task<Result<CaseDetail>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (!CaseId.TryParse(query.CaseId, out var caseId) || !CaseAccess.SeesCases(actor))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        // One transaction for the reads and the read's audit entry; the visibility check and the case are one statement.
        await using var read = await db.ReadTransactionAsync(ct);
        var queries = CaseReadQueries.For(db);
        Case? c = null;
        List<ApprovalTask> tasks = [];
        List<AuditEvent> timeline = [];
        await BatchedReads.RunAsync(db, CaseReadQueries.ReadSetName(actor), [caseId.Value, actor.Department ?? string.Empty], async () =>
        {
            c = await queries.VisibleCase(db, actor, caseId, ct);
            tasks = await queries.Tasks(db, caseId).ListAsync(ct); // read even for a case not visible, so the set is always the same three
            timeline = await queries.Timeline(db, caseId.Value).ListAsync(ct);
        }, ct);
        if (c is null)
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        db.AuditEvents.Add(new AuditEvent(clock.GetCurrentInstant(), actor.UserName, AuditActions.PersonalDataRead, caseId.Value, c.Number, null, query.Door));
        await PostgreSqlChangeWriter.SaveAsync(db, ct);
        await read.CompleteAsync(ct);
        return new CaseDetail(c.Id.ToString(), c.Number, c.ServiceItemCode, c.Status.ToString(), c.Decision?.ToString(), c.DecisionReasons,
            c.RemedyRights, c.ResultDocument, c.Applicant, System.Text.Json.Nodes.JsonNode.Parse(c.FormJson), c.Materials, c.ReceivedAt.ToString(),
            IsoDate.Format(c.ReceiptDate), IsoDate.Format(c.AcceptanceDate), IsoDate.Format(c.DecisionDate), c.Owner, c.DeliveryMethod.ToString(),
            c.DeliveryAddress, c.DeliveryStatus.ToString(), c.TrackingNumber, c.InstanceId.ToString(), tasks.Select(TaskView.From).ToList(), timeline.Select(TimelineEntry.From).ToList());
    }
}
