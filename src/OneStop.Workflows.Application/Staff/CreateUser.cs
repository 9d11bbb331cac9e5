using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>An administrator creates a member of staff with a one-time password (shown once); the user must change it at the first sign-in.</summary>
public sealed class CreateUser(OneStopDbContext db, IPasswordHasher<UserAccount> hasher, IClock clock)
{
    /// <param name="FurtherDepartments">The further departments (兼任部门, ADR 0011) besides <paramref name="Department"/>; null or empty: none.</param>
    public sealed record Command(string? UserName, string? DisplayName, string? Role, string? Department, IReadOnlyList<string>? FurtherDepartments = null);

    public async Task<Result<UserWithOneTimePassword>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (StaffRules.AdministratorOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var errors = new Dictionary<string, FieldError[]>();
        if (UserAccount.UserNameError(command.UserName) is { } nameProblem)
        {
            errors["userName"] = [nameProblem];
        }

        if (UserAccount.DisplayNameError(command.DisplayName) is { } displayProblem)
        {
            errors["displayName"] = [displayProblem];
        }

        if (StaffRules.ParseRole(command.Role, errors) is { } role)
        {
            await StaffRules.CheckDepartmentAsync(db, role, command.Department, errors, ct);
            await StaffRules.CheckFurtherDepartmentsAsync(db, role, command.Department, command.FurtherDepartments, errors, ct);
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var userName = command.UserName!;
        if (await db.Users.AnyAsync(u => u.UserName.ToLower() == userName.ToLower(), ct))
        {
            return Refusal.Conflict($"A user named '{userName}' (ignoring case) already exists.", RefusalCodes.UserExists);
        }

        var password = OneTimePasswords.New(userName);
        var user = UserAccount.WithOneTimePassword(userName, command.DisplayName!, Enum.Parse<Role>(command.Role!), command.Department, "pending")
            .WithFurtherDepartments(command.FurtherDepartments ?? []);
        user.ResetPassword(hasher.HashPassword(user, password));
        db.Users.Add(user);
        StaffRules.Audit(db, clock.GetCurrentInstant(), actor.UserName, AuditActions.UserCreated, userName,
            new { after = new { user.DisplayName, user.Role, department = user.DepartmentCode, furtherDepartments = user.FurtherDepartments } });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the unit of work failed; ask the database afresh whether a concurrent request won
            if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
            {
                return Refusal.Conflict($"A user named '{userName}' already exists.", RefusalCodes.UserExists);
            }

            throw;
        }

        return new UserWithOneTimePassword(UserView.From(user), password);
    }
}
