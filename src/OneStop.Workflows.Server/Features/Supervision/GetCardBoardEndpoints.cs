using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Route: the card board, fired cards on open cases per department or service item (use case <see cref="GetCardBoard"/>).</summary>
public static class GetCardBoardEndpoints
{
    public static void MapGetCardBoard(this RouteGroupBuilder api) =>
        api.MapGet("/supervision/board", HandleAsync).RequireAuthorization(Policies.Supervision)
            .WithName("GetCardBoard")
            .WithSummary("The card board: prompts, yellow and red cards fired on the open cases the caller sees, per department (default) or serviceItem.")
            .Produces<GetCardBoard.Response>().ProducesValidationProblem();

    private static async Task<IResult> HandleAsync(HttpContext http, GetCardBoard board, string? groupBy, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var byItem = SupervisionQuery.Grouping(groupBy, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = new GetCardBoard.Query(byItem!.Value ? GetCardBoard.GroupBy.ServiceItem : GetCardBoard.GroupBy.Department);
        return (await board.ExecuteAsync(query, CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}
