using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>The route of <see cref="ResetPassword"/>: Give a user a one-time password (answered once); they must change it at the next sign-in.</summary>
public static class ResetPasswordEndpoints
{
    public static void MapResetPassword(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users/{userName}/reset-password", async (string userName, HttpContext http, ResetPassword useCase, CancellationToken ct) =>
                (await useCase.ExecuteAsync(new(userName), CurrentUser.From(http.User)!, ct)).ToHttp())
            .RequireAuthorization(Policies.Administration)
            .WithName("ResetPassword").WithSummary("Give a user a one-time password (answered once); they must change it at the next sign-in.")
            .Produces<UserWithOneTimePassword>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
