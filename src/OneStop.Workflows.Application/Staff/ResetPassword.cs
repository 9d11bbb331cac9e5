using Microsoft.AspNetCore.Identity;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>
/// An administrator resets a user's password to a new one-time password (answered once, never stored in the clear); the
/// user's tokens and cookies end and the user must change the password at the next sign-in.
/// </summary>
public sealed class ResetPassword(OneStopDbContext db, IPasswordHasher<UserAccount> hasher, IClock clock, IAccountStandingCache standings)
{
    public sealed record Command(string UserName);

    public async Task<Result<UserWithOneTimePassword>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var (user, missing) = await StaffRules.FindAsync(db, command.UserName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (StaffRules.NotOnSelf(command.UserName, actor, "reset the password of") is { } self)
        {
            return self;
        }

        var password = OneTimePasswords.New(command.UserName);
        user.ResetPassword(hasher.HashPassword(user, password));
        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.PasswordReset, command.UserName, new { after = new { mustChangePassword = true } });
        await StaffRules.SaveAndForgetAsync(db, standings, user, ct);
        return new UserWithOneTimePassword(UserView.From(user), password);
    }
}
