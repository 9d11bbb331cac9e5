using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>
/// Checks a user name and password against <c>users</c> and audits the attempt (<see cref="AuditActions.SignedIn"/> / <see cref="AuditActions.SignInFailed"/>).
/// Shared by the token and the cookie sign-in. Also applies the per-user-name rate limit (429) and the account lockout
/// (<see cref="SignInLockout"/>): a locked user name gets the same 401 as a wrong password, without the password checked.
/// </summary>
public sealed class StaffCredentials(
    IDbContextFactory<OneStopDbContext> dbFactory, IPasswordHasher<UserAccount> hasher, IClock clock, SignInLockout lockout, BodyRateLimits limits)
{
    /// <summary>The request body of both sign-ins.</summary>
    public sealed record Request(string UserName, string Password);

    private const int MaxAuditedNameLength = 64;

    private static readonly SignInFailure Failed = new(SignInFailureKind.WrongCredentials, TimeSpan.Zero);

    // Unknown users are verified against this hash too, so the answer takes as long as for a wrong password.
    private static readonly UserAccount Decoy = new("decoy", "decoy", Role.Designer, null, "unused");
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Decoy, Guid.NewGuid().ToString()));

    /// <summary>The active user whose password matches, or the problem to answer: 400 for a bad body, 401 otherwise.</summary>
    public async Task<(UserAccount? User, IResult? Problem)> CheckAsync(HttpRequest request, string method, CancellationToken ct)
    {
        var (body, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (body is null)
        {
            return (null, problem);
        }

        var (user, failure) = await CheckAsync(Text(body, "userName"), Text(body, "password"), method, ct);
        return user is not null ? (user, null) : (null, failure switch
        {
            { Kind: SignInFailureKind.Missing } => Problems.BadRequest("'userName' and 'password' are required strings."),
            { Kind: SignInFailureKind.TooManyAttempts } => Problems.TooManyRequests(failure.RetryAfter),
            _ => AuthProblems.SignInFailed(),
        });
    }

    /// <summary>
    /// The active user whose password matches, or why not: the same checks, limits, lockout and audit for every door
    /// (the JSON sign-ins and the web UI's sign-in form). <paramref name="method"/> is audited (cookie, token, form).
    /// </summary>
    public async Task<(UserAccount? User, SignInFailure? Failure)> CheckAsync(string? userName, string? password, string method, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return (null, new SignInFailure(SignInFailureKind.Missing, TimeSpan.Zero));
        }

        if (!limits.SignInPerUserName.TryAcquire(userName, out var retryAfter))
        {
            return (null, new SignInFailure(SignInFailureKind.TooManyAttempts, retryAfter));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var key = Truncate(userName);
        if (await lockout.IsLockedAsync(db, key, now, ct))
        {
            db.AuditEvents.Add(new AuditEvent(now, SystemActor.Anonymous, AuditActions.SignInFailed, null, key, Details(method, "locked-out"), null));
            await db.SaveChangesAsync(ct);
            return (null, Failed);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        var verdict = user is null
            ? hasher.VerifyHashedPassword(Decoy, _decoyHash.Value, password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        var cause = user is null || verdict == PasswordVerificationResult.Failed ? "bad-credentials"
            : !user.IsActive ? "inactive"
            : null;
        if (cause is not null)
        {
            db.AuditEvents.Add(new AuditEvent(now, SystemActor.Anonymous, AuditActions.SignInFailed, null, key, Details(method, cause), null));
            await db.SaveChangesAsync(ct);
            await lockout.RecordFailureAsync(db, key, now, ct);
            return (null, Failed);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user!.ChangePasswordHash(hasher.HashPassword(user, password));
        }

        db.AuditEvents.Add(new AuditEvent(now, user!.UserName, AuditActions.SignedIn, null, user.UserName, Details(method, null), null));
        await db.SaveChangesAsync(ct);
        await lockout.RecordSuccessAsync(db, key, ct);
        return (user, null);
    }

    /// <summary>The active user a token or cookie names, or null (unknown now, or disabled since sign-in). Callers holding the principal also compare its stamp.</summary>
    public async Task<UserAccount?> FindActiveAsync(string userName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, ct);
        return user is { IsActive: true } ? user : null;
    }

    /// <summary>The principal sign-in issues: the claims of <see cref="CurrentUser"/>.</summary>
    public static ClaimsPrincipal PrincipalFor(UserAccount user, string authenticationScheme) =>
        new(new ClaimsIdentity(Application.Actor.Of(user).ToClaims()
            .Append(new Claim(Staff.AccountStandings.StampClaim, user.SecurityStamp))
            .Append(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName)), authenticationScheme));

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Truncate(string userName) =>
        userName.Length <= MaxAuditedNameLength ? userName : userName[..MaxAuditedNameLength];

    private static string Details(string method, string? cause) =>
        JsonSerializer.Serialize(cause is null ? new { method } : (object)new { method, cause });
}

/// <summary>Why a sign-in was refused. A locked, unknown or disabled user name is <see cref="SignInFailureKind.WrongCredentials"/> too.</summary>
public enum SignInFailureKind
{
    Missing,
    TooManyAttempts,
    WrongCredentials,
}

/// <summary>A refused sign-in; <see cref="RetryAfter"/> is set for <see cref="SignInFailureKind.TooManyAttempts"/>.</summary>
public sealed record SignInFailure(SignInFailureKind Kind, TimeSpan RetryAfter);
