using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Claim a task of my department (idempotent for the same user), or transfer it to a colleague of the same department.</summary>
public static class ClaimTask
{
    public sealed record TransferRequest(string? ToUser, string? Reason);

    public static void MapClaimAndTransfer(this RouteGroupBuilder api)
    {
        api.MapPost("/tasks/{id}/claim", ClaimAsync).RequireAuthorization(Policies.Inbox)
            .WithName("ClaimTask").WithSummary("Take a task; claiming your own task again changes nothing.")
            .Produces<TaskView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tasks/{id}/transfer", TransferAsync).RequireAuthorization(Policies.Inbox)
            .WithName("TransferTask").WithSummary("Hand a task to a colleague of the same department who can work it.")
            .Accepts<TransferRequest>("application/json").Produces<TaskView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ClaimAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, IClock clock, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (task, problem) = await TaskAccess.FindForActionAsync(db, id, user, tracked: true, ct);
        if (task is null)
        {
            return problem!;
        }

        if (task.Assignee == user.UserName && task.Status == Domain.Cases.ApprovalTaskStatus.Open)
        {
            return Results.Ok(TaskView.From(task));
        }

        if (task.ClaimProblem(user.UserName) is { } refusal)
        {
            return Problems.Conflict(refusal, "task.not-claimable");
        }

        var now = clock.GetCurrentInstant();
        task.Claim(user.UserName);
        var c = await db.Cases.FirstAsync(x => x.Id == task.CaseId, ct);
        if (task.Kind == Domain.Cases.TaskKind.Acceptance)
        {
            c.TakeOwnership(user.UserName, now);
        }

        db.AuditEvents.Add(new AuditEvent(now, user.UserName, AuditActions.TaskClaimed, task.CaseId.Value, task.Id.ToString(), null, null));
        return await SaveAsync(db, task, ct);
    }

    private static async Task<IResult> TransferAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, IClock clock, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, bad) = await RequestJson.ReadAsync<TransferRequest>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        if (string.IsNullOrWhiteSpace(request.ToUser))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["toUser"] = ["The colleague's user name is required."] });
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var (task, problem) = await TaskAccess.FindForActionAsync(db, id, user, tracked: true, ct);
        if (task is null)
        {
            return problem!;
        }

        if (task.Status != Domain.Cases.ApprovalTaskStatus.Open || (task.Assignee is not null && task.Assignee != user.UserName && user.Role != Role.DepartmentHead))
        {
            return Problems.Conflict(task.Status != Domain.Cases.ApprovalTaskStatus.Open ? $"The task is {task.Status}." : $"Only {task.Assignee} or a department head can transfer it.", "task.not-transferable");
        }

        var colleague = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == request.ToUser, ct);
        if (colleague is null || !colleague.IsActive || colleague.DepartmentCode != task.Department || !CaseAccess.CanWork(colleague.Role, task.Kind))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["toUser"] = [$"'{request.ToUser}' is not an active colleague of {task.Department} who can work {task.Kind} tasks."] });
        }

        var now = clock.GetCurrentInstant();
        task.Transfer(colleague.UserName);
        db.AuditEvents.Add(new AuditEvent(now, user.UserName, AuditActions.TaskTransferred, task.CaseId.Value, task.Id.ToString(), System.Text.Json.JsonSerializer.Serialize(new { to = colleague.UserName }), request.Reason));
        return await SaveAsync(db, task, ct);
    }

    private static async Task<IResult> SaveAsync(OneStopDbContext db, Domain.Cases.ApprovalTask task, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Results.Ok(TaskView.From(task));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The task changed meanwhile (decided, claimed or transferred); read it again.", "task.concurrent-change");
        }
    }
}
