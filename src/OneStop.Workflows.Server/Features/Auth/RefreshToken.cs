using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>
/// Exchanges a refresh token for a new token and a new refresh token while the account is still active (its role is read
/// afresh). Each refresh token works once; presenting a used one again ends its whole family (<see cref="StaffSessions"/>).
/// </summary>
public static class RefreshToken
{
    /// <summary>The request body.</summary>
    public sealed record Request(string RefreshToken);

    public static void MapRefreshToken(this RouteGroupBuilder api) =>
        api.MapPost("/auth/refresh", HandleAsync)
            .WithName("RefreshToken")
            .WithSummary("Get a new bearer token and refresh token for {refreshToken}; each refresh token works once, and none works once the account is disabled or its role, department or password changed.")
            .Accepts<Request>("application/json")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitSetup.SignIn)
            .AllowAnonymous();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, StaffCredentials credentials, StaffSessions sessions, IOptionsMonitor<BearerTokenOptions> bearerOptions, CancellationToken ct)
    {
        var (body, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (body is null)
        {
            return problem!;
        }

        if (body["refreshToken"] is not JsonValue value || !value.TryGetValue<string>(out var token) || string.IsNullOrWhiteSpace(token))
        {
            return Problems.BadRequest("'refreshToken' is required: the refreshToken of a token answer.");
        }

        // The bearer handler stamped the expiry with its TimeProvider, so it is compared against the same one.
        var options = bearerOptions.Get(BearerTokenDefaults.AuthenticationScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(token);
        var stamp = ticket is null ? string.Empty : Staff.AccountStandings.StampOf(ticket.Principal);
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= now
            || CurrentUser.From(ticket.Principal) is null
            || await sessions.RotateAsync(ticket.Principal, (name, c) => ActiveWithStampAsync(credentials, name, stamp, c), ct) is not { Principal: { } principal })
        {
            return AuthProblems.Unauthorized("The refresh token is invalid, expired or already used, or the account is disabled; sign in again.");
        }

        return Results.SignIn(principal, authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    /// <summary>The active account, unless its role, department or password changed since the token was issued (its stamp differs).</summary>
    private static async Task<Domain.People.UserAccount?> ActiveWithStampAsync(StaffCredentials credentials, string userName, string stamp, CancellationToken ct) =>
        await credentials.FindActiveAsync(userName, ct) is { } user && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) ? user : null;
}
