using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Route: performance figures of the cases completed from..to, by department or service item (use case <see cref="GetFigures"/>).</summary>
public static class GetFiguresEndpoints
{
    public static void MapGetFigures(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/figures", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("GetFigures")
            .WithSummary("Performance figures of the cases completed from..to (yyyy-MM-dd, inclusive, centre's zone), grouped by department (lead) or serviceItem.")
            .Produces<GetFigures.Response>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(HttpContext http, GetFigures figures, string? from, string? to, string? groupBy, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDay = SupervisionQuery.Date(from, "from", errors);
        var toDay = SupervisionQuery.Date(to, "to", errors);
        SupervisionQuery.Required(from, "from", "Required: the first decision day, yyyy-MM-dd.", errors);
        SupervisionQuery.Required(to, "to", "Required: the last decision day, yyyy-MM-dd.", errors);
        SupervisionQuery.Range(fromDay, toDay, errors);
        var byItem = SupervisionQuery.Grouping(groupBy, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : (await figures.ExecuteAsync(new(fromDay!.Value, toDay!.Value, byItem!.Value), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
