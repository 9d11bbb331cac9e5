using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Removes the sign-in cookie. Bearer tokens cannot be revoked; they expire (see docs/api.md).</summary>
public static class SignOut
{
    public static void MapSignOut(this RouteGroupBuilder api) =>
        api.MapPost("/auth/sign-out", (Delegate)HandleAsync) // a plain HttpContext handler would bind as a RequestDelegate
            .WithName("SignOut")
            .WithSummary("Remove the sign-in cookie.")
            .Produces(StatusCodes.Status204NoContent)
            .AllowAnonymous();

    private static async Task<IResult> HandleAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }
}
