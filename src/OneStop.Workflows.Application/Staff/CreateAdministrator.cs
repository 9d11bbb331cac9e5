using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>
/// The one-time bootstrap (the server's <c>create-admin</c> verb): creates the first administrator with a password the
/// operator chose. Refused once any active administrator exists; from then on administrators create staff (<see cref="CreateUser"/>).
/// No signed-in user exists yet: the caller names whom the audit entry shows (<see cref="SystemActor.Cli"/>).
/// </summary>
public sealed class CreateAdministrator(OneStopDbContext db, IPasswordHasher<UserAccount> hasher, IClock clock)
{
    public sealed record Command(string? UserName, string? DisplayName, string? Password);

    public async Task<Result<UserView>> ExecuteAsync(Command command, string auditedAs, CancellationToken ct)
    {
        var errors = new Dictionary<string, FieldError[]>();
        if (UserAccount.UserNameError(command.UserName) is { } nameProblem)
        {
            errors["user"] = [nameProblem];
        }

        var displayName = command.DisplayName ?? "系统管理员 Administrator";
        if (UserAccount.DisplayNameError(displayName) is { } displayProblem)
        {
            errors["display-name"] = [displayProblem];
        }

        if (errors.Count == 0 && StaffRules.PasswordRefusal("password", command.Password, command.UserName!) is { } weak)
        {
            return weak;
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        if (await AnyAsync(db, ct))
        {
            return Refusal.Conflict(
                "An active administrator already exists; create-admin is only for the first one. Administrators create further staff with POST /api/admin/users.",
                RefusalCodes.AdministratorExists);
        }

        var userName = command.UserName!;
        if (await db.Users.AnyAsync(u => u.UserName.ToLower() == userName.ToLower(), ct))
        {
            return Refusal.Conflict($"A user named '{userName}' (ignoring case) already exists; choose another name.", RefusalCodes.UserExists);
        }

        var user = new UserAccount(userName, displayName, Role.Administrator, null, "pending");
        user.ChangePassword(hasher.HashPassword(user, command.Password!));
        db.Users.Add(user);
        StaffRules.Audit(db, clock.GetCurrentInstant(), auditedAs, AuditActions.AdministratorCreated, userName,
            new { after = new { user.DisplayName, user.Role } });
        await db.SaveChangesAsync(ct);
        return UserView.From(user);
    }

    /// <summary>Whether an active administrator exists (the start-up log says how to create the first one when none does).</summary>
    public static Task<bool> AnyAsync(OneStopDbContext db, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Role == Role.Administrator && u.IsActive, ct);
}
