using Microsoft.AspNetCore.Identity;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>
/// A signed-in user changes their own password (the current one and a new one that meets the rules). Every token and
/// cookie of the account ends, this one included: sign in again with the new password. Clears a one-time password.
/// </summary>
public sealed class ChangeOwnPassword(OneStopDbContext db, IPasswordHasher<UserAccount> hasher, IClock clock, IAccountStandingCache standings)
{
    public sealed record Command(string? CurrentPassword, string? NewPassword);

    public async Task<Result<bool>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(command.CurrentPassword))
        {
            return Refusal.Invalid("currentPassword", new FieldError(FieldErrorCodes.Required, "The current password is required."));
        }

        var (user, missing) = await StaffRules.FindAsync(db, actor.UserName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return Refusal.Invalid("currentPassword", new FieldError(FieldErrorCodes.PasswordWrong, "The current password is wrong."));
        }

        if (StaffRules.PasswordRefusal("newPassword", command.NewPassword, user.UserName) is { } weak)
        {
            return weak;
        }

        if (command.NewPassword == command.CurrentPassword)
        {
            return Refusal.Invalid("newPassword", new FieldError(FieldErrorCodes.PasswordUnchanged, "The new password must differ from the current one."));
        }

        var wasOneTime = user.MustChangePassword;
        user.ChangePassword(hasher.HashPassword(user, command.NewPassword!));
        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.PasswordChanged, actor.UserName, new { oneTimePasswordReplaced = wasOneTime });
        await StaffRules.SaveAndForgetAsync(db, standings, user, ct);
        return true;
    }
}
