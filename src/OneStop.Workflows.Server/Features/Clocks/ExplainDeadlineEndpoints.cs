using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Route: "why this due date" — how the case's clocks' due days follow (use case <see cref="ExplainDeadline"/>).</summary>
public static class ExplainDeadlineEndpoints
{
    public static RouteGroupBuilder MapExplainDeadline(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id}/clocks/derivation", HandleAsync).RequireAuthorization(Policies.Staff).WithName("ExplainDeadline")
            .WithSummary("How the due days of the case's clocks (or of one, ?clockId=) follow: start day, budget, the day-by-day walk.");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, string? clockId, HttpContext http, ExplainDeadline explain, CancellationToken ct) =>
        (await explain.ExecuteAsync(new(id, clockId), CurrentUser.From(http.User)!, ct)).ToHttp();
}
