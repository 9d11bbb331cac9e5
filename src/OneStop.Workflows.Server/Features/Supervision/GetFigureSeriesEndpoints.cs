using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Route: the performance figures per month of the decision day (use case <see cref="GetFigureSeries"/>).</summary>
public static class GetFigureSeriesEndpoints
{
    public static void MapGetFigureSeries(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/figures/months", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("GetFigureSeries")
            .WithSummary("Performance figures per month of the cases completed from..to (yyyy-MM-dd, inclusive, centre's zone; at most 24 months), by GetFigures' rules.")
            .Produces<GetFigureSeries.Response>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(HttpContext http, GetFigureSeries series, string? from, string? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDay = SupervisionQuery.Date(from, "from", errors);
        var toDay = SupervisionQuery.Date(to, "to", errors);
        SupervisionQuery.Required(from, "from", "Required: the first decision day, yyyy-MM-dd.", errors);
        SupervisionQuery.Required(to, "to", "Required: the last decision day, yyyy-MM-dd.", errors);
        SupervisionQuery.Range(fromDay, toDay, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : (await series.ExecuteAsync(new(fromDay!.Value, toDay!.Value), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
