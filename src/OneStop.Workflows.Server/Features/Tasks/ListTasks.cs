using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>The inbox: my tasks, or my department's open tasks, newest first (due dates arrive with the clocks).</summary>
public static class ListTasks
{
    public sealed record Page(IReadOnlyList<TaskView> Items, int TotalCount, int PageNumber, int PageSize);

    public static void MapListTasks(this RouteGroupBuilder api) =>
        api.MapGet("/tasks", HandleAsync).RequireAuthorization(Policies.Inbox)
            .WithName("ListTasks").WithSummary("scope=mine (assigned to me) or department (my department's open and paused tasks); paged, 0-based.")
            .Produces<Page>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, IDbContextFactory<OneStopDbContext> contexts, string? scope, string? page, string? pageSize, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        scope ??= "department";
        var errors = new Dictionary<string, string[]>();
        if (scope is not ("mine" or "department"))
        {
            errors["scope"] = ["scope is 'mine' or 'department'."];
        }

        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Tasks.AsNoTracking().Where(t => t.Department == user.Department && (t.Status == ApprovalTaskStatus.Open || t.Status == ApprovalTaskStatus.Paused));
        query = scope == "mine" ? query.Where(t => t.Assignee == user.UserName) : query;
        var kinds = Enum.GetValues<TaskKind>().Where(k => CaseAccess.CanWork(user.Role, k)).ToList();
        query = query.Where(t => kinds.Contains(t.Kind));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        return Results.Ok(new Page(items.Select(TaskView.From).ToList(), total, paging.Number, paging.Size));
    }
}
