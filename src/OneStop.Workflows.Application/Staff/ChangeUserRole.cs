using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator changes a user's role and/or department; the user's existing tokens and cookies end.</summary>
public sealed class ChangeUserRole(OneStopDbContext db, IClock clock, IAccountStandingCache standings)
{
    public sealed record Command(string UserName, string? Role, string? Department);

    public async Task<Result<UserView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new Dictionary<string, string[]>();
        if (StaffRules.ParseRole(command.Role, errors) is { } role)
        {
            await StaffRules.CheckDepartmentAsync(db, role, command.Department, errors, ct);
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var (user, missing) = await StaffRules.FindAsync(db, command.UserName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (StaffRules.NotOnSelf(command.UserName, actor, "change the role of") is { } self)
        {
            return self;
        }

        var before = new { user.Role, department = user.DepartmentCode };
        if (user.ChangeRole(Enum.Parse<Role>(command.Role!), command.Department) is { } unchanged)
        {
            return Refusal.Conflict(unchanged, RefusalCodes.UserUnchanged);
        }

        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.UserRoleChanged, command.UserName,
            new { before, after = new { user.Role, department = user.DepartmentCode } });
        await StaffRules.SaveAndForgetAsync(db, standings, user, ct);
        return UserView.From(user);
    }
}
