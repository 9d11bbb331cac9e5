using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator changes a user's role, home department and/or further departments; the user's existing tokens and cookies end.</summary>
public sealed class ChangeUserRole(OneStopDbContext db, IClock clock, IAccountStandingCache standings)
{
    /// <param name="FurtherDepartments">The further departments (兼任部门, ADR 0011); null: keep the current ones (less the new home department; none for a role without a department).</param>
    public sealed record Command(string UserName, string? Role, string? Department, IReadOnlyList<string>? FurtherDepartments = null);

    public async Task<Result<UserView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new Dictionary<string, FieldError[]>();
        if (StaffRules.ParseRole(command.Role, errors) is { } role)
        {
            await StaffRules.CheckDepartmentAsync(db, role, command.Department, errors, ct);
            await StaffRules.CheckFurtherDepartmentsAsync(db, role, command.Department, command.FurtherDepartments, errors, ct);
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

        var before = new { user.Role, department = user.DepartmentCode, furtherDepartments = user.FurtherDepartments };
        var changed = command.FurtherDepartments is { } further
            ? user.ChangeRole(Enum.Parse<Role>(command.Role!), command.Department, further)
            : user.ChangeRole(Enum.Parse<Role>(command.Role!), command.Department);
        if (changed is { } unchanged)
        {
            return Refusal.Conflict(unchanged, RefusalCodes.UserUnchanged);
        }

        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.UserRoleChanged, command.UserName,
            new { before, after = new { user.Role, department = user.DepartmentCode, furtherDepartments = user.FurtherDepartments } });
        await StaffRules.SaveAndForgetAsync(db, standings, user, ct);
        return UserView.From(user);
    }
}
