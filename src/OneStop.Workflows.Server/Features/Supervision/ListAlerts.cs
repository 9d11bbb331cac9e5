using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>The signed-in user's alerts: unacknowledged first, then newest first, paged.</summary>
public static class ListAlerts
{
    /// <summary>A page of alerts, and how many of the user's alerts are not yet acknowledged (for a badge).</summary>
    public sealed record AlertPage(IReadOnlyList<AlertView> Items, int TotalCount, int PageNumber, int PageSize, int UnacknowledgedCount);

    public static void MapListAlerts(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/alerts", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListAlerts").WithSummary("My alerts (scope=mine, the default and only scope): unacknowledged first, newest first; paged from 0.")
            .Produces<AlertPage>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(
        HttpContext http, IDbContextFactory<OneStopDbContext> contexts, string? scope, string? page, string? pageSize, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(scope) && !string.Equals(scope.Trim(), "mine", StringComparison.OrdinalIgnoreCase))
        {
            errors["scope"] = [$"'{scope}' is not a scope; the only one is 'mine' (supervisors see every signal at GET /api/supervision/signals)."];
        }

        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = db.Set<AlertRow>().AsNoTracking().Where(a => a.Recipient == user.UserName);
        var total = await mine.CountAsync(ct);
        var unacknowledged = await mine.CountAsync(a => a.AcknowledgedAt == null, ct);
        var rows = await mine.OrderBy(a => a.AcknowledgedAt == null ? 0 : 1).ThenByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        var numbers = await CaseNumbers.LoadAsync(db, rows.Select(a => a.CaseId), ct);
        return Results.Ok(new AlertPage(rows.Select(a => AlertView.From(a, numbers.GetValueOrDefault(a.CaseId))).ToList(), total, paging.Number, paging.Size, unacknowledged));
    }
}
