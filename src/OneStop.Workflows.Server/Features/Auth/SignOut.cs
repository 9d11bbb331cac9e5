using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>
/// Ends the caller's session on the server and removes the sign-in cookie: the cookie, or the bearer token and every
/// token of its family, is refused from then on (a replayed cookie gets 401).
/// </summary>
public static class SignOut
{
    public static void MapSignOut(this RouteGroupBuilder api) =>
        api.MapPost("/auth/sign-out", (Delegate)HandleAsync) // a plain HttpContext handler would bind as a RequestDelegate
            .WithName("SignOut")
            .WithSummary("End the session (cookie or bearer token family) and remove the sign-in cookie.")
            .Produces(StatusCodes.Status204NoContent)
            .AllowAnonymous();

    private static async Task<IResult> HandleAsync(HttpContext http, StaffSessions sessions)
    {
        // http.User is the cookie's or the token's principal (anonymous when neither, or when its session has ended).
        await sessions.SignOutAsync(http.User, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }
}
