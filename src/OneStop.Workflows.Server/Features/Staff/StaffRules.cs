using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Input checks the user commands share: the role's name, and the department a role needs (existing and active).</summary>
internal static class StaffRules
{
    /// <summary>The role named by <paramref name="text"/> (its exact name), or null with an error under <c>role</c>.</summary>
    public static Role? ParseRole(string? text, Dictionary<string, string[]> errors)
    {
        if (text is not null && Enum.GetNames<Role>().Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<Role>(text);
        }

        errors["role"] = [$"{(text is null ? "A role is required" : $"Unknown role '{Printable(text)}'")}; one of {string.Join(", ", Enum.GetNames<Role>())}."];
        return null;
    }

    /// <summary>Adds an error under <c>department</c> unless it fits the role: required, existing and active for clerks, reviewers and heads; absent otherwise.</summary>
    public static async Task CheckDepartmentAsync(OneStopDbContext db, Role role, string? department, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (UserAccount.DepartmentProblem(role, department) is { } problem)
        {
            errors["department"] = [problem];
            return;
        }

        if (department is null)
        {
            return;
        }

        if (Domain.Catalogue.Department.CodeProblem(department) is not null)
        {
            errors["department"] = [$"Unknown department '{Printable(department)}'."];
            return;
        }

        var found = await db.Departments.AsNoTracking().Where(d => d.Code == department).Select(d => new { d.RetiredAt }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            errors["department"] = [$"Unknown department '{department}'."];
        }
        else if (found.RetiredAt is not null)
        {
            errors["department"] = [$"Department '{department}' is retired; it takes no new staff."];
        }
    }

    /// <summary>The account, tracked, or a 404 refusal.</summary>
    public static async Task<(UserAccount? User, StaffRefusal? Refusal)> FindAsync(OneStopDbContext db, string userName, CancellationToken ct) =>
        UserAccount.UserNameProblem(userName) is null && await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct) is { } user
            ? (user, null)
            : (null, StaffRefusal.NotFound($"No user is named '{Printable(userName)}'."));

    /// <summary>The text with control and formatting characters shown as \uXXXX, for messages that echo input.</summary>
    public static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>Refuses an administrator's command on their own account (they could lock themselves, and the centre, out).</summary>
    public static StaffRefusal? NotOnSelf(string userName, Actor actor, string what) =>
        userName == actor.UserName
            ? StaffRefusal.Conflict($"You cannot {what} your own account; ask another administrator.", "user.self")
            : null;
}
