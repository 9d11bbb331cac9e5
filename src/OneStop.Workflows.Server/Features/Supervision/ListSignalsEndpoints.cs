using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Route: fired signals, newest first, filtered and paged (use case <see cref="ListSignals"/>).</summary>
public static class ListSignalsEndpoints
{
    public static void MapListSignals(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/signals", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("ListSignals")
            .WithSummary("Fired signals, newest first: filter by level, department, serviceItem and fired day (from/to, yyyy-MM-dd, inclusive, centre's zone); paged from 0.")
            .Produces<Page<ListSignals.SignalView>>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(
        HttpContext http, ListSignals signals, string? level, string? department, string? serviceItem,
        string? from, string? to, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var wantedLevel = SupervisionQuery.Level(level, errors);
        var fromDay = SupervisionQuery.Date(from, "from", errors);
        var toDay = SupervisionQuery.Date(to, "to", errors);
        SupervisionQuery.Range(fromDay, toDay, errors);
        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = new ListSignals.Query(wantedLevel, department, serviceItem, fromDay, toDay, paging.Number, paging.Size);
        return (await signals.ExecuteAsync(query, CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
