using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Staff;

namespace OneStop.Workflows.Server.Ui.Account;

/// <summary>
/// A circuit lives for hours, but the session and account checks of the HTTP pipeline run per request: this provider
/// repeats them every <c>Auth:AccountCheckSeconds</c> (at least 10 s) while the circuit is open. A session ended
/// (sign-out elsewhere, expiry) or an account disabled, deleted or re-stamped makes the circuit anonymous, and the page
/// sends the browser to sign-in. <see cref="Shared.UseCaseRunner"/> checks the same before every use case.
/// </summary>
public sealed class UiAuthenticationStateProvider(ILoggerFactory loggers, StaffSessions sessions, AccountStandings standings, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(Math.Max(10, configuration.GetValue("Auth:AccountCheckSeconds", 10)));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await StillSignedInAsync(sessions, standings, authenticationState.User, cancellationToken);

    /// <summary>Whether a principal's session is open and its account still vouches for it (active, same stamp, password not pending).</summary>
    public static async Task<bool> StillSignedInAsync(StaffSessions sessions, AccountStandings standings, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (Hosting.CurrentUser.From(principal) is not { } user || !await sessions.IsLiveAsync(principal, ct))
        {
            return false;
        }

        var standing = await standings.GetAsync(user.UserName, ct);
        return AccountStandings.Vouches(principal, standing) && !standing!.MustChangePassword;
    }
}
