using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>An administrator creates a member of staff with a one-time password (shown once); the user must change it at the first sign-in.</summary>
public static class CreateUser
{
    public sealed record Command(string? UserName, string? DisplayName, string? Role, string? Department);

    public static async Task<StaffOutcome<UserWithOneTimePassword>> HandleAsync(Command command, Actor actor, StaffContext staff, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (UserAccount.UserNameProblem(command.UserName) is { } nameProblem)
        {
            errors["userName"] = [nameProblem];
        }

        if (UserAccount.DisplayNameProblem(command.DisplayName) is { } displayProblem)
        {
            errors["displayName"] = [displayProblem];
        }

        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        if (StaffRules.ParseRole(command.Role, errors) is { } role)
        {
            await StaffRules.CheckDepartmentAsync(db, role, command.Department, errors, ct);
        }

        if (errors.Count > 0)
        {
            return StaffRefusal.Invalid(errors);
        }

        var userName = command.UserName!;
        if (await db.Users.AnyAsync(u => u.UserName.ToLower() == userName.ToLower(), ct))
        {
            return StaffRefusal.Conflict($"A user named '{userName}' (ignoring case) already exists.", "user.exists");
        }

        var now = staff.Clock.GetCurrentInstant();
        var password = OneTimePasswords.New(userName);
        var parsed = Enum.Parse<Role>(command.Role!);
        var user = UserAccount.WithOneTimePassword(userName, command.DisplayName!, parsed, command.Department, "pending");
        user.ResetPassword(staff.Hasher.HashPassword(user, password));
        db.Users.Add(user);
        StaffContext.Audit(db, now, actor.UserName, AuditActions.UserCreated, userName,
            new { after = new { user.DisplayName, user.Role, department = user.DepartmentCode } });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await ExistsAsync(staff, userName, ct))
            {
                return StaffRefusal.Conflict($"A user named '{userName}' already exists.", "user.exists");
            }

            throw;
        }

        return new UserWithOneTimePassword(UserView.From(user), password);
    }

    public static void MapCreateUser(this RouteGroupBuilder api) =>
        api.MapPost("/admin/users", async (HttpContext http, StaffContext staff, CancellationToken ct) =>
            {
                var (command, bad) = await RequestJson.ReadAsync<Command>(http.Request, ct);
                if (command is null)
                {
                    return bad!;
                }

                var outcome = await HandleAsync(command, CurrentUser.From(http.User)!, staff, ct);
                return outcome.Refusal is { } refusal
                    ? Problems.From(refusal)
                    : Results.Created($"/api/admin/users/{outcome.Value!.User.UserName}", outcome.Value);
            })
            .RequireAuthorization(Policies.Administration)
            .WithName("CreateUser").WithSummary("Create a member of staff; answers the one-time password (shown once).")
            .Accepts<Command>("application/json").Produces<UserWithOneTimePassword>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<bool> ExistsAsync(StaffContext staff, string userName, CancellationToken ct)
    {
        await using var db = await staff.Databases.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.UserName == userName, ct);
    }
}
