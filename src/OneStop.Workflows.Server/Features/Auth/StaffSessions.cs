using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Auth;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>
/// Server-side sessions (会话, table <c>staff_sessions</c>) and single-use refresh tokens (<c>staff_refresh_tokens</c>).
/// Every cookie and token carries its session id (<see cref="SessionClaim"/>); a refresh token also carries its own id
/// (<see cref="RefreshClaim"/>). Signing out ends the session; reusing a refresh token ends its whole family (the
/// session: every access and refresh token issued under it).
/// </summary>
/// <remarks>
/// A live session is kept in memory for <c>Auth:AccountCheckSeconds</c> (as account standings are; 0 = read on every
/// request). Ending a session forgets it on this node at once and, on PostgreSQL, tells the other nodes
/// (<see cref="EndedChannel"/>, <see cref="SessionEndedHandler"/>), which forget it when they hear; a node that missed the
/// notification refuses the session within the cache time.
/// Session times are wall-clock time (<see cref="TimeProvider"/>, as the cookie and bearer handlers that issue the
/// cookies and tokens use), not the business <see cref="IClock"/>: with <c>Clock:Mode=Simulated</c> an administrator moves
/// the business clock days ahead, which must not end everyone's session. Audit entries take the business clock, as all do.
/// </remarks>
public sealed class StaffSessions(
    IDbContextFactory<OneStopDbContext> dbFactory, IClock clock, TimeProvider time, IOptions<SignInOptions> options,
    IOptionsMonitor<BearerTokenOptions> bearerOptions, ILogger<StaffSessions> logger, IMemoryCache cache, IConfiguration configuration)
{
    /// <summary>The PostgreSQL notification channel on which a node announces the id of a session it ended.</summary>
    public const string EndedChannel = "onestop_session_ended";

    public const string SessionClaim = "onestop:session";
    public const string RefreshClaim = "onestop:refresh";
    public const string CookieKind = "cookie";
    public const string TokenKind = "token";
    private readonly TimeSpan _keep = TimeSpan.FromSeconds(Staff.AccountStandings.ReadCacheSeconds(configuration));

    /// <summary>Why a refresh was refused, or null when a new principal was issued.</summary>
    public sealed record Rotation(ClaimsPrincipal? Principal, string? Refusal);

    /// <summary>Starts a cookie session and returns the principal to put in the cookie.</summary>
    public async Task<ClaimsPrincipal> StartCookieAsync(UserAccount user, CancellationToken ct)
    {
        var now = WallNow;
        var session = NewSession(user.UserName, CookieKind, now, now + Duration.FromHours(options.Value.CookieSessionHours));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, session.Id, null);
    }

    /// <summary>Starts a token family and returns the principal to issue (its refresh token's id recorded).</summary>
    public async Task<ClaimsPrincipal> StartTokenAsync(UserAccount user, CancellationToken ct)
    {
        var now = WallNow;
        var session = NewSession(user.UserName, TokenKind, now, now + RefreshLifetime);
        var refresh = new RefreshTokenRow { Id = Guid.NewGuid(), SessionId = session.Id, IssuedAt = now };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.StaffSessions.Add(session);
        db.RefreshTokens.Add(refresh);
        await db.SaveChangesAsync(ct);
        return Principal(user, BearerTokenDefaults.AuthenticationScheme, session.Id, refresh.Id);
    }

    /// <summary>
    /// Uses the refresh token named by <paramref name="holder"/> once: marks it used and issues the next one of the family.
    /// A token already used ends the session (audited, logged as a warning); an ended or expired session is refused.
    /// <paramref name="activeUser"/> finds the holder's account if still active.
    /// </summary>
    public async Task<Rotation> RotateAsync(ClaimsPrincipal holder, Func<string, CancellationToken, Task<UserAccount?>> activeUser, CancellationToken ct)
    {
        if (Id(holder, SessionClaim) is not { } sessionId || Id(holder, RefreshClaim) is not { } refreshId)
        {
            return new Rotation(null, "not a refresh token of a session");
        }

        var now = WallNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db.RefreshTokens.Where(t => t.Id == refreshId && t.SessionId == sessionId && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (taken == 0)
        {
            if (await db.RefreshTokens.AnyAsync(t => t.Id == refreshId && t.SessionId == sessionId, ct))
            {
                await EndAsync(db, sessionId, "refresh-token-reused", AuditActions.RefreshTokenReused, now, clock.GetCurrentInstant(), ct);
                logger.LogWarning("A used refresh token of session {SessionId} was presented again; the session and all its tokens are revoked", sessionId);
                return new Rotation(null, "reused");
            }

            return new Rotation(null, "unknown");
        }

        var session = await db.StaffSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.EndedAt is not null || session.ExpiresAt <= now
            || await activeUser(session.UserName, ct) is not { } user)
        {
            return new Rotation(null, "session ended");
        }

        var next = new RefreshTokenRow { Id = Guid.NewGuid(), SessionId = sessionId, IssuedAt = now };
        db.RefreshTokens.Add(next);
        session.ExpiresAt = now + RefreshLifetime;
        await db.SaveChangesAsync(ct);
        Forget(sessionId); // the kept end is the old one
        return new Rotation(Principal(user, BearerTokenDefaults.AuthenticationScheme, sessionId, next.Id), null);
    }

    /// <summary>Ends the session <paramref name="principal"/> belongs to (sign-out); nothing when it has none or it has ended.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (Id(principal, SessionClaim) is { } sessionId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await EndAsync(db, sessionId, "signed-out", AuditActions.SignedOut, WallNow, clock.GetCurrentInstant(), ct);
        }
    }

    /// <summary>Whether the session of a signed-in principal is still open: not ended, not expired. No session id → false.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (Id(principal, SessionClaim) is not { } sessionId)
        {
            return false;
        }

        var now = WallNow;
        if (_keep > TimeSpan.Zero && cache.TryGetValue(Key(sessionId), out Instant keptEnd))
        {
            return keptEnd > now;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var end = await db.StaffSessions.AsNoTracking().Where(s => s.Id == sessionId && s.EndedAt == null && s.ExpiresAt > now)
            .Select(s => (Instant?)s.ExpiresAt).FirstOrDefaultAsync(ct);
        if (end is { } live && _keep > TimeSpan.Zero)
        {
            cache.Set(Key(sessionId), live, _keep);
        }

        return end is not null;
    }

    /// <summary>Forgets a kept session (it ended here, or another node announced that it ended there).</summary>
    public void Forget(Guid sessionId) => cache.Remove(Key(sessionId));

    private static string Key(Guid sessionId) => "staff-session:" + sessionId.ToString("N");

    /// <summary>How long a refresh token is valid (the bearer handler's setting, 14 days by default).</summary>
    private Duration RefreshLifetime => Duration.FromTimeSpan(bearerOptions.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenExpiration);

    private Instant WallNow => Instant.FromDateTimeOffset(time.GetUtcNow());

    private async Task EndAsync(OneStopDbContext db, Guid sessionId, string reason, string action, Instant now, Instant auditAt, CancellationToken ct)
    {
        var session = await db.StaffSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, ct);
        if (session is null)
        {
            Forget(sessionId); // ended already (e.g. on another node): this node must not keep it either
            return;
        }

        session.EndedAt = now;
        session.EndReason = reason;
        db.AuditEvents.Add(new AuditEvent(auditAt, session.UserName, action, null, session.UserName,
            JsonSerializer.Serialize(new { session = sessionId, kind = session.Kind, reason }), null));
        await db.SaveChangesAsync(ct);
        Forget(sessionId);
        if (db.Database.IsNpgsql())
        {
            // After the commit: a node that hears it and reads the row again finds the session ended.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [EndedChannel, sessionId.ToString()], ct);
        }
    }

    private static StaffSessionRow NewSession(string userName, string kind, Instant now, Instant expires) =>
        new() { Id = Guid.NewGuid(), UserName = userName, Kind = kind, CreatedAt = now, ExpiresAt = expires };

    private static ClaimsPrincipal Principal(UserAccount user, string scheme, Guid sessionId, Guid? refreshId)
    {
        var principal = StaffCredentials.PrincipalFor(user, scheme);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaim, sessionId.ToString()));
        if (refreshId is { } id)
        {
            identity.AddClaim(new Claim(RefreshClaim, id.ToString()));
        }

        return principal;
    }

    private static Guid? Id(ClaimsPrincipal principal, string claim) =>
        Guid.TryParse(principal.FindFirstValue(claim), out var id) ? id : null;
}

/// <summary>Every node on PostgreSQL: forgets a kept session that another node ended (signed out, refresh token reused).</summary>
public sealed class SessionEndedHandler(StaffSessions sessions) : Hosting.INodeNotificationHandler
{
    public string Channel => StaffSessions.EndedChannel;

    public Task HandleAsync(string payload, CancellationToken ct)
    {
        if (Guid.TryParse(payload, out var sessionId))
        {
            sessions.Forget(sessionId);
        }

        return Task.CompletedTask;
    }
}
