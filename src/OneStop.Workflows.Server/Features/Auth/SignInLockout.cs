using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Auth;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>
/// Account lockout (账户锁定): after <see cref="SignInOptions.LockoutFailures"/> consecutive failed sign-ins a user name is
/// refused for <see cref="SignInOptions.LockoutMinutes"/>, even with the right password; audited (<see cref="AuditActions.AccountLockedOut"/>)
/// and logged as a warning. Counted per user name as typed, known or not, so that it tells nothing about who exists.
/// </summary>
public sealed class SignInLockout(IOptions<SignInOptions> options, ILogger<SignInLockout> logger)
{
    private readonly SignInOptions _options = options.Value;

    public Task<bool> IsLockedAsync(OneStopDbContext db, string userName, Instant now, CancellationToken ct) =>
        db.SignInLockouts.AsNoTracking().AnyAsync(l => l.UserName == userName && l.LockedUntil > now, ct);

    /// <summary>Counts a failure; the one that reaches the limit locks the name (a guarded update: parallel failures lock once).</summary>
    public async Task RecordFailureAsync(OneStopDbContext db, string userName, Instant now, CancellationToken ct)
    {
        var failures = await db.AddFailureAsync(userName, ct);
        if (failures < _options.LockoutFailures)
        {
            return;
        }

        var until = now + Duration.FromMinutes(_options.LockoutMinutes);
        var locked = await db.SignInLockouts
            .Where(l => l.UserName == userName && l.ConsecutiveFailures >= _options.LockoutFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ConsecutiveFailures, 0).SetProperty(l => l.LockedUntil, until), ct);
        if (locked == 0)
        {
            return;
        }

        db.AuditEvents.Add(new AuditEvent(now, SystemActor.Name, AuditActions.AccountLockedOut, null, userName,
            JsonSerializer.Serialize(new { failures, lockedUntil = until.ToString() }), null));
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Sign-in for user name {UserName} locked until {LockedUntil} after {Failures} consecutive failures", userName, until, failures);
    }

    /// <summary>A successful sign-in starts the count again.</summary>
    public Task RecordSuccessAsync(OneStopDbContext db, string userName, CancellationToken ct) =>
        db.SignInLockouts.Where(l => l.UserName == userName).ExecuteDeleteAsync(ct);
}
