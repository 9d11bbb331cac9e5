using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>The applicant's corrected materials arrive at the window: the waiting tasks come back.</summary>
public static class SubmitCorrections
{
    public sealed record Request(IReadOnlyList<SubmitCase.MaterialData>? Materials, string? IdempotencyKey);

    public sealed record Response(string CaseId, string Status, string? CorrectionsReceivedDate, IReadOnlyList<TaskView> OpenTasks);

    public static void MapSubmitCorrections(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id}/corrections", HandleAsync).RequireAuthorization(Policies.Window)
            .WithName("SubmitCorrections").WithSummary("Record the applicant's corrected materials; the tasks waiting for them come back.")
            .Accepts<Request>("application/json").Produces<Response>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, IWorkflowInstanceStore instances,
        WorkflowHost host, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, problem) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Materials is not { Count: > 0 } || request.Materials.Any(m => string.IsNullOrWhiteSpace(m.Name)))
        {
            errors["materials"] = ["At least one corrected material, each with a name."];
        }

        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 200)
        {
            errors["idempotencyKey"] = ["Required, at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var materials = request.Materials!;

        var key = request.IdempotencyKey!.Trim();
        Case? c;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            c = CaseId.TryParse(id, out var caseId) ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) : null;
            if (c is null || !await CaseAccess.CanSeeAsync(db, user, c.Id, ct))
            {
                return Problems.NotFound("No case with that id is visible to you.");
            }

            if (c.LeadDepartment != user.Department)
            {
                return Problems.Forbidden($"Corrections are received by the lead window ({c.LeadDepartment}).");
            }

            if (await db.AuditEvents.AnyAsync(e => e.CaseId == c.Id.Value && e.Action == AuditActions.CorrectionsReceived && e.Subject == key, ct))
            {
                return Results.Ok(await AnswerAsync(db, c.Id, ct));
            }
        }

        if (c.Status != CaseStatus.AwaitingCorrection)
        {
            return Problems.Conflict($"Case {c.Number} is not waiting for corrections (it is {c.Status}).", "case.not-awaiting-correction");
        }

        var snapshot = await instances.LoadAsync(c.InstanceId, ct);
        var waiting = snapshot?.OpenBookmarks.Where(b => b.Payload?[ApprovalBookmarks.Task]?.GetValue<string>() == ApprovalBookmarks.AwaitingCorrection).ToList() ?? [];
        if (waiting.Count == 0)
        {
            return Problems.Conflict("The correction notice has not been issued yet; the lead window issues it first.", "case.notice-not-issued");
        }

        var submitted = materials.Select(m => new SubmittedMaterial(m.Name!.Trim(), m.Provided, m.Note)).ToList();
        var input = new JsonObject { ["materials"] = new JsonArray(submitted.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name }).ToArray()) };
        foreach (var bookmark in waiting)
        {
            var resumed = await host.ResumeAsync(new ResumeCommand(c.InstanceId, bookmark.Id, input.DeepClone().AsObject(), $"{key}:{bookmark.Id}",
                new CorrectionsContext(user.UserName, submitted, key)), ct);
            if (resumed.Error is { } error && error != HostError.BookmarkNotFound)
            {
                return Problems.From(error);
            }
        }

        await using var after = await contexts.CreateDbContextAsync(ct);
        return Results.Ok(await AnswerAsync(after, c.Id, ct));
    }

    private static async Task<Response> AnswerAsync(OneStopDbContext db, CaseId id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var open = await db.Tasks.AsNoTracking().Where(t => t.CaseId == id && t.Status == ApprovalTaskStatus.Open).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        return new Response(c.Id.ToString(), c.Status.ToString(), IsoDate.Format(c.CorrectionsReceivedDate), open.Select(TaskView.From).ToList());
    }
}
