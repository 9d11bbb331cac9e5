using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The route of <see cref="GetUser"/>: One staff account.</summary>
public static class GetUserEndpoints
{
    public static void MapGetUser(this RouteGroupBuilder api) =>
        api.MapGet("/admin/users/{userName}", async (string userName, HttpContext http, GetUser useCase, CancellationToken ct) =>
                (await useCase.ExecuteAsync(new(userName), CurrentUser.From(http.User)!, ct)).ToHttp())
            .RequireAuthorization(Policies.Administration)
            .WithName("GetUser").WithSummary("One staff account.")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status404NotFound);
}
