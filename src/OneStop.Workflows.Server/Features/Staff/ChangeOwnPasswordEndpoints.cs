using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Route: change your own password, then sign in again (use case <see cref="ChangeOwnPassword"/>).</summary>
public static class ChangeOwnPasswordEndpoints
{
    public static void MapChangeOwnPassword(this RouteGroupBuilder api) =>
        api.MapPost("/auth/password", async (HttpContext http, ChangeOwnPassword change, CancellationToken ct) =>
            {
                var (command, bad) = await RequestJson.ReadAsync<ChangeOwnPassword.Command>(http.Request, ct);
                return command is null
                    ? bad!
                    : (await change.ExecuteAsync(command, CurrentUser.From(http.User)!, ct)).ToHttp(_ => Results.NoContent());
            })
            .RequireAuthorization(Policies.Staff)
            .WithMetadata(new AllowedWhilePasswordChangeRequired())
            .WithName("ChangeOwnPassword").WithSummary("Change your own password {currentPassword, newPassword}; then sign in again.")
            .Accepts<ChangeOwnPassword.Command>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
}
