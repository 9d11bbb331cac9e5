using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>Route: a case's clock and its reviews' step clocks (use case <see cref="GetClocks"/>).</summary>
public static class GetClocksEndpoints
{
    public static RouteGroupBuilder MapGetClocks(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{id}/clocks", HandleAsync).RequireAuthorization(Policies.Staff).WithName("GetCaseClocks")
            .WithSummary("The case's clock and its reviews' step clocks, with derived due days.");
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, GetClocks clocks, CancellationToken ct) =>
        (await clocks.ExecuteAsync(new(id), CurrentUser.From(http.User)!, ct)).ToHttp();
}
