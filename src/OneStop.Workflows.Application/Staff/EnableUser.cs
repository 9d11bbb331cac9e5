using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator enables a disabled account; the user signs in again (tokens from before the disabling stay ended).</summary>
public sealed class EnableUser(OneStopDbContext db, IClock clock, IAccountStandingCache standings)
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

        if (user.Enable() is { } already)
        {
            return Refusal.Conflict(already, RefusalCodes.UserAlreadyActive);
        }

        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.UserEnabled, command.UserName, new { before = new { active = false }, after = new { active = true } });
        await StaffRules.SaveAndForgetAsync(db, standings, user, ct);
        return UserView.From(user);
    }
}
