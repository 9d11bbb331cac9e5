using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Who is signed in: user name, display name, role and department.</summary>
public static class GetCurrentUser
{
    public sealed record Response(string UserName, string DisplayName, Role Role, string? Department)
    {
        public static Response From(UserAccount user) => new(user.UserName, user.DisplayName, user.Role, user.DepartmentCode);
    }

    public static void MapGetCurrentUser(this RouteGroupBuilder api) =>
        api.MapGet("/auth/me", HandleAsync)
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user: {userName, displayName, role, department}.")
            .Produces<Response>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(Policies.Staff);

    private static async Task<IResult> HandleAsync(HttpContext http, StaffCredentials credentials, CancellationToken ct) =>
        CurrentUser.From(http.User) is { } current && await credentials.FindActiveAsync(current.UserName, ct) is { } user
            ? Results.Ok(Response.From(user))
            : AuthProblems.Unauthorized("The account no longer exists or is disabled; sign in again.");
}
