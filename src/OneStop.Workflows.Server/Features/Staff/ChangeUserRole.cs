using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>An administrator changes a user's role and/or department; the user's existing tokens and cookies end.</summary>
public static class ChangeUserRole
{
    public sealed record Command(string? Role, string? Department);

    public static async Task<StaffOutcome<UserView>> HandleAsync(string userName, Command command, Actor actor, StaffContext staff, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        var errors = new Dictionary<string, string[]>();
        if (StaffRules.ParseRole(command.Role, errors) is { } role)
        {
            await StaffRules.CheckDepartmentAsync(db, role, command.Department, errors, ct);
        }

        if (errors.Count > 0)
        {
            return StaffRefusal.Invalid(errors);
        }

        var (user, missing) = await StaffRules.FindAsync(db, userName, ct);
        if (user is null)
        {
            return missing!;
        }

        if (StaffRules.NotOnSelf(userName, actor, "change the role of") is { } self)
        {
            return self;
        }

        var before = new { user.Role, department = user.DepartmentCode };
        if (user.ChangeRole(Enum.Parse<Role>(command.Role!), command.Department) is { } unchanged)
        {
            return StaffRefusal.Conflict(unchanged, "user.unchanged");
        }

        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor.UserName, AuditActions.UserRoleChanged, userName,
            new { before, after = new { user.Role, department = user.DepartmentCode } });
        await StaffRoutes.SaveAndForgetAsync(db, staff, user, ct);
        return UserView.From(user);
    }

    public static void MapChangeUserRole(this RouteGroupBuilder api) =>
        api.MapPut("/admin/users/{userName}/role", (string userName, HttpContext http, StaffContext staff) =>
                StaffRoutes.BodyAsync<Command, UserView>(http, (command, actor, ct) => HandleAsync(userName, command, actor, staff, ct)))
            .RequireAuthorization(Policies.Administration)
            .WithName("ChangeUserRole").WithSummary("Change a user's role and department {role, department}; their tokens and cookies end.")
            .Accepts<Command>("application/json").Produces<UserView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
