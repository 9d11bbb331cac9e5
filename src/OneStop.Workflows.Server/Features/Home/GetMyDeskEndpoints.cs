using OneStop.Workflows.Application.Home;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Home;

/// <summary>Route: the counts my home page shows first (use case <see cref="GetMyDesk"/>).</summary>
public static class GetMyDeskEndpoints
{
    public static void MapGetMyDesk(this RouteGroupBuilder api) =>
        api.MapGet("/me/desk", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetMyDesk").WithSummary("The counts of my role's own work (home page): sections for my role only.")
            .Produces<GetMyDesk.Desk>();

    private static async Task<IResult> HandleAsync(HttpContext http, GetMyDesk desk, CancellationToken ct) =>
        (await desk.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).ToHttp();
}
