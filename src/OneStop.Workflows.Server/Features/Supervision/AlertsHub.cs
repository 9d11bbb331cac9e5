using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.SignalR;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Server.Features.Auth;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// The live alert feed (<c>/hubs/alerts</c>, any signed-in member of staff): after each sweep commits, every recipient's
/// connections receive <see cref="AlertRaised"/> with an <see cref="AlertView"/>. Clients connect with the sign-in cookie, or
/// with the bearer token as <c>access_token</c> in the query string (browsers cannot set headers on WebSockets). Nothing is
/// sent on connect: read <c>GET /api/supervision/alerts?scope=mine</c> to catch up, then listen.
/// </summary>
public sealed class AlertsHub : Hub
{
    /// <summary>The client method each new alert is sent to.</summary>
    public const string AlertRaised = "alertRaised";

    /// <summary>
    /// Lets the bearer scheme read <c>access_token</c> from the query string on hub requests that carry no
    /// <c>Authorization</c> header, and makes the default (bearer-or-cookie) scheme pick the bearer scheme for hub requests
    /// without the sign-in cookie.
    /// </summary>
    internal static void AcceptTokenInQueryString(IServiceCollection services)
    {
        services.PostConfigure<PolicySchemeOptions>(AuthSetup.SelectorScheme, o =>
        {
            var inner = o.ForwardDefaultSelector;
            o.ForwardDefaultSelector = context => UsesBearer(context.Request) ? BearerTokenDefaults.AuthenticationScheme : inner?.Invoke(context);
        });
        services.PostConfigure<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme, o =>
        {
            var previous = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                if (string.IsNullOrEmpty(context.Token) && QueryToken(context.Request) is { } token)
                {
                    context.Token = token;
                }
            };
        });
    }

    /// <summary>A hub request without the sign-in cookie is a bearer request: it answers 401, not a redirect to the sign-in page.</summary>
    private static bool UsesBearer(HttpRequest request) =>
        request.Path.StartsWithSegments(SupervisionSetup.HubPath) && (QueryToken(request) is not null || !request.Cookies.ContainsKey(AuthSetup.CookieName));

    private static string? QueryToken(HttpRequest request) =>
        request.Path.StartsWithSegments(SupervisionSetup.HubPath) && string.IsNullOrEmpty(request.Headers.Authorization)
            && request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;
}

/// <summary>SignalR's user id is the user name (the <see cref="ClaimTypes.Name"/> claim), so alerts go to <c>Clients.User(recipient)</c>.</summary>
internal sealed class UserNameIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirstValue(ClaimTypes.Name);
}
