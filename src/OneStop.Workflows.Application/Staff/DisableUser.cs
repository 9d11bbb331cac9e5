using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator disables an account: it can no longer sign in, and its tokens and cookies end.</summary>
public sealed class DisableUser(OneStopDbContext db, IClock clock, IAccountStandingCache standings)
{
    public sealed record Command(string UserName);

    public async Task<Result<UserView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
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

        if (StaffRules.NotOnSelf(command.UserName, actor, "disable") is { } self)
        {
            return self;
        }

        if (user.Disable() is { } already)
        {
            return Refusal.Conflict(already, RefusalCodes.UserAlreadyDisabled);
        }

        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.UserDisabled, command.UserName, new { before = new { active = true }, after = new { active = false } });
        await StaffRules.SaveAndForgetAsync(db, standings, user, ct);
        return UserView.From(user);
    }
}
