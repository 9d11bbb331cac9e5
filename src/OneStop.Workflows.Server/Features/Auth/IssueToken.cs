using Microsoft.AspNetCore.Authentication.BearerToken;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Exchanges a user name and password for a bearer token (the API's way in), starting a token session (a refresh-token family).</summary>
public static class IssueToken
{
    public static void MapIssueToken(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", HandleAsync)
            .WithName("IssueToken")
            .WithSummary("Get a bearer token: {userName, password} → {tokenType, accessToken, expiresIn, refreshToken}.")
            .Accepts<StaffCredentials.Request>("application/json")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitSetup.SignIn)
            .AllowAnonymous();

    private static async Task<IResult> HandleAsync(HttpRequest request, StaffCredentials credentials, StaffSessions sessions, CancellationToken ct)
    {
        var (user, problem) = await credentials.CheckAsync(request, "token", ct);
        return user is null
            ? problem!
            : Results.SignIn(await sessions.StartTokenAsync(user, ct), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }
}
