using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Route: the signed-in user's alerts, unacknowledged first, paged (use case <see cref="ListAlerts"/>).</summary>
public static class ListAlertsEndpoints
{
    public static void MapListAlerts(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/alerts", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListAlerts").WithSummary("My alerts (scope=mine, the default and only scope): unacknowledged first, newest first; paged from 0.")
            .Produces<ListAlerts.AlertPage>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(
        HttpContext http, ListAlerts alerts, string? scope, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(scope) && !string.Equals(scope.Trim(), "mine", StringComparison.OrdinalIgnoreCase))
        {
            errors["scope"] = [$"'{scope}' is not a scope; the only one is 'mine' (supervisors see every signal at GET /api/supervision/signals)."];
        }

        var paging = Paging.Read(page, pageSize, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : (await alerts.ExecuteAsync(new(paging.Number, paging.Size), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
