using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Route: the recipient acknowledges an alert; repeating it answers the first acknowledgement (use case <see cref="AcknowledgeAlert"/>).</summary>
public static class AcknowledgeAlertEndpoints
{
    public static void MapAcknowledgeAlert(this RouteGroupBuilder api) =>
        api.MapPost("/supervision/alerts/{id}/acknowledge", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge one of my alerts; repeating it answers the first acknowledgement.")
            .Produces<AlertView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(HttpContext http, string id, AcknowledgeAlert acknowledge, CancellationToken ct) =>
        (await acknowledge.ExecuteAsync(new(id), CurrentUser.From(http.User)!, ct)).ToHttp();
}
