using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Cases;

/// <summary>The applicant's corrected materials arrive at the lead window: the tasks waiting for them come back. The same key again answers the same.</summary>
public sealed class SubmitCorrections(OneStopDbContext db, IWorkflowInstanceStore instances, WorkflowHost host)
{
    public sealed record Command(string CaseId, IReadOnlyList<SubmitCase.MaterialData>? Materials, string? IdempotencyKey);

    /// <summary>The case after the corrections and its open tasks.</summary>
    public sealed record CorrectionsView(string CaseId, string Status, string? CorrectionsReceivedDate, IReadOnlyList<TaskView> OpenTasks);

    public async Task<Result<CorrectionsView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.WindowClerk)
        {
            return Refusal.Forbidden("Corrections are received by window clerks.");
        }

        var errors = new Dictionary<string, FieldError[]>();
        if (command.Materials is not { Count: > 0 } || command.Materials.Any(m => string.IsNullOrWhiteSpace(m.Name)))
        {
            errors["materials"] = [new(FieldErrorCodes.CorrectedMaterialsRequired, "At least one corrected material, each with a name.")];
        }

        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Length > 200)
        {
            errors["idempotencyKey"] = [new FieldError(FieldErrorCodes.IdempotencyKeyRequired, "Required, at most 200 characters.").With("max", 200)];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var key = command.IdempotencyKey!.Trim();
        var c = CaseId.TryParse(command.CaseId, out var caseId) ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) : null;
        if (c is null || !await CaseAccess.CanSeeAsync(db, actor, c.Id, ct))
        {
            return Refusal.NotFound("No case with that id is visible to you.");
        }

        if (!actor.WorksFor(c.LeadDepartment))
        {
            return Refusal.Forbidden($"Corrections are received by the lead window ({c.LeadDepartment}).");
        }

        if (await db.AuditEvents.AnyAsync(e => e.CaseId == c.Id.Value && e.Action == AuditActions.CorrectionsReceived && e.Subject == key, ct))
        {
            return await ViewAsync(c.Id, ct);
        }

        if (c.Status != CaseStatus.AwaitingCorrection)
        {
            return Refusal.Conflict($"Case {c.Number} is not waiting for corrections (it is {c.Status}).", RefusalCodes.CaseNotAwaitingCorrection);
        }

        var snapshot = await instances.LoadAsync(c.InstanceId, ct);
        var waiting = snapshot?.OpenBookmarks.Where(b => b.Payload?[ApprovalBookmarks.Task]?.GetValue<string>() == ApprovalBookmarks.AwaitingCorrection).ToList() ?? [];
        if (waiting.Count == 0)
        {
            return Refusal.Conflict("The correction notice has not been issued yet; the lead window issues it first.", RefusalCodes.CaseNoticeNotIssued);
        }

        var submitted = command.Materials!.Select(m => new SubmittedMaterial(m.Name!.Trim(), m.Provided, m.Note)).ToList();
        var input = new JsonObject { ["materials"] = new JsonArray(submitted.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name }).ToArray()) };
        foreach (var bookmark in waiting)
        {
            var resumed = await host.ResumeAsync(new ResumeCommand(c.InstanceId, bookmark.Id, input.DeepClone().AsObject(), $"{key}:{bookmark.Id}",
                new CorrectionsContext(actor.UserName, submitted, key)), ct);
            if (resumed.Error is { } error && error != HostError.BookmarkNotFound)
            {
                return HostRefusals.From(error);
            }
        }

        return await ViewAsync(c.Id, ct);
    }

    private async Task<CorrectionsView> ViewAsync(CaseId id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var open = await db.Tasks.AsNoTracking().Where(t => t.CaseId == id && t.Status == ApprovalTaskStatus.Open).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        return new CorrectionsView(c.Id.ToString(), c.Status.ToString(), IsoDate.Format(c.CorrectionsReceivedDate), open.Select(TaskView.From).ToList());
    }
}
