using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The route of <see cref="EnableUser"/>: Enable a disabled account.</summary>
public static class EnableUserEndpoints
{
    public static void MapEnableUser(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users/{userName}/enable", async (string userName, HttpContext http, EnableUser useCase, CancellationToken ct) =>
                (await useCase.ExecuteAsync(new(userName), CurrentUser.From(http.User)!, ct)).ToHttp())
            .RequireAuthorization(Policies.Administration)
            .WithName("EnableUser").WithSummary("Enable a disabled account.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
