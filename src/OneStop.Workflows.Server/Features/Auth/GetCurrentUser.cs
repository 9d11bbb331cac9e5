using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Who is signed in: user name, display name, role and department.</summary>
public static class GetCurrentUser
{
    /// <param name="MustChangePassword">True after sign-in with a one-time password: change it (POST /api/auth/password) before anything else.</param>
    public sealed record Response(string UserName, string DisplayName, Role Role, string? Department, bool MustChangePassword)
    {
        public static Response From(UserAccount user) => new(user.UserName, user.DisplayName, user.Role, user.DepartmentCode, user.MustChangePassword);
    }

    public static void MapGetCurrentUser(this RouteGroupBuilder api) =>
        api.MapGet("/auth/me", HandleAsync)
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user: {userName, displayName, role, department, mustChangePassword}.")
            .Produces<Response>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(Policies.Staff)
            .WithMetadata(new Staff.AllowedWhilePasswordChangeRequired());

    private static async Task<IResult> HandleAsync(HttpContext http, StaffCredentials credentials, CancellationToken ct) =>
        CurrentUser.From(http.User) is { } current && await credentials.FindActiveAsync(current.UserName, ct) is { } user
            ? Results.Ok(Response.From(user))
            : AuthProblems.Unauthorized("The account no longer exists or is disabled; sign in again.");
}
