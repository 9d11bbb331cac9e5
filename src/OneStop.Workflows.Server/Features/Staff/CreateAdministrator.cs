using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>
/// The one-time bootstrap (the server's <c>create-admin</c> verb): creates the first administrator with a password the
/// operator chose. Refused once any active administrator exists; from then on administrators create staff (<see cref="CreateUser"/>).
/// </summary>
public static class CreateAdministrator
{
    public sealed record Command(string? UserName, string? DisplayName, string? Password);

    public static async Task<StaffOutcome<UserView>> HandleAsync(Command command, string actor, StaffContext staff, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (UserAccount.UserNameProblem(command.UserName) is { } nameProblem)
        {
            errors["user"] = [nameProblem];
        }

        var displayName = command.DisplayName ?? "系统管理员 Administrator";
        if (UserAccount.DisplayNameProblem(displayName) is { } displayProblem)
        {
            errors["display-name"] = [displayProblem];
        }

        if (errors.Count == 0 && StaffContext.PasswordRefusal("password", command.Password, command.UserName!) is { } weak)
        {
            return weak;
        }

        if (errors.Count > 0)
        {
            return StaffRefusal.Invalid(errors);
        }

        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(u => u.Role == Role.Administrator && u.IsActive, ct))
        {
            return StaffRefusal.Conflict(
                "An active administrator already exists; create-admin is only for the first one. Administrators create further staff with POST /api/admin/users.",
                "administrator.exists");
        }

        var userName = command.UserName!;
        if (await db.Users.AnyAsync(u => u.UserName.ToLower() == userName.ToLower(), ct))
        {
            return StaffRefusal.Conflict($"A user named '{userName}' (ignoring case) already exists; choose another name.", "user.exists");
        }

        var user = new UserAccount(userName, displayName, Role.Administrator, null, "pending");
        user.ChangePassword(staff.Hasher.HashPassword(user, command.Password!));
        db.Users.Add(user);
        StaffContext.Audit(db, staff.Clock.GetCurrentInstant(), actor, AuditActions.AdministratorCreated, userName,
            new { after = new { user.DisplayName, user.Role } });
        await db.SaveChangesAsync(ct);
        return UserView.From(user);
    }

    /// <summary>Whether an active administrator exists (the start-up log says how to create the first one when none does).</summary>
    public static async Task<bool> AnyAsync(IDbContextFactory<Persistence.OneStopDbContext> databases, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Role == Role.Administrator && u.IsActive, ct);
    }
}
