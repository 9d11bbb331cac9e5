using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The route of <see cref="DisableUser"/>: Disable an account; its tokens and cookies end.</summary>
public static class DisableUserEndpoints
{
    public static void MapDisableUser(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users/{userName}/disable", async (string userName, HttpContext http, DisableUser useCase, CancellationToken ct) =>
                (await useCase.ExecuteAsync(new(userName), CurrentUser.From(http.User)!, ct)).ToHttp())
            .RequireAuthorization(Policies.Administration)
            .WithName("DisableUser").WithSummary("Disable an account; its tokens and cookies end.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
