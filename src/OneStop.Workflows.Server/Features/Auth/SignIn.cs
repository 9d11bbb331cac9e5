using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Signs in with the cookie (the web UI's way in), starting a server-side session, and answers who is signed in.</summary>
public static class SignIn
{
    public static void MapSignIn(this RouteGroupBuilder api) =>
        api.MapPost("/auth/sign-in", HandleAsync)
            .WithName("SignIn")
            .WithSummary("Sign in with {userName, password}; sets the HttpOnly, SameSite=Strict sign-in cookie.")
            .Accepts<StaffCredentials.Request>("application/json")
            .Produces<GetCurrentUser.Response>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitSetup.SignIn)
            .AllowAnonymous();

    private static async Task<IResult> HandleAsync(HttpContext http, StaffCredentials credentials, StaffSessions sessions, CancellationToken ct)
    {
        var (user, problem) = await credentials.CheckAsync(http.Request, "cookie", ct);
        if (user is null)
        {
            return problem!;
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await sessions.StartCookieAsync(user, ct));
        return Results.Ok(GetCurrentUser.Response.From(user));
    }
}
