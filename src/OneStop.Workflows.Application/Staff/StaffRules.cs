using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Staff;

/// <summary>What the staff use cases share: who may administer, input checks (role, department, password), finding an account, the audit entry.</summary>
internal static class StaffRules
{
    /// <summary>Refuses (403) anyone but an administrator (the route's policy says the same).</summary>
    public static Refusal? AdministratorOnly(Actor actor) =>
        actor.Role == Role.Administrator ? null : Refusal.Forbidden("Only administrators administer staff and departments.");

    /// <summary>The role named by <paramref name="text"/> (its exact name), or null with an error under <c>role</c>.</summary>
    public static Role? ParseRole(string? text, Dictionary<string, FieldError[]> errors)
    {
        if (text is not null && Enum.GetNames<Role>().Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<Role>(text);
        }

        var roles = string.Join(", ", Enum.GetNames<Role>());
        errors["role"] = [text is null
            ? new FieldError(FieldErrorCodes.RoleRequired, $"A role is required; one of {roles}.").With("roles", roles)
            : new FieldError(FieldErrorCodes.RoleUnknown, $"Unknown role '{Printable(text)}'; one of {roles}.").With("value", Printable(text)).With("roles", roles)];
        return null;
    }

    /// <summary>Adds an error under <c>department</c> unless it fits the role: required, existing and active for clerks, reviewers and heads; absent otherwise.</summary>
    public static async Task CheckDepartmentAsync(OneStopDbContext db, Role role, string? department, Dictionary<string, FieldError[]> errors, CancellationToken ct)
    {
        if (UserAccount.DepartmentError(role, department) is { } problem)
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
            errors["department"] = [UnknownDepartment(Printable(department))];
            return;
        }

        var found = await db.Departments.AsNoTracking().Where(d => d.Code == department).Select(d => new { d.RetiredAt }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            errors["department"] = [UnknownDepartment(department)];
        }
        else if (found.RetiredAt is not null)
        {
            errors["department"] = [RetiredDepartment(department)];
        }
    }

    /// <summary>
    /// Adds an error under <c>furtherDepartments</c> unless the further departments (兼任部门, ADR 0011) fit: only for a role
    /// with a department, at most <see cref="UserAccount.MaxFurtherDepartments"/>, each existing and active, none twice, not
    /// the home department. Null (not given) passes.
    /// </summary>
    public static async Task CheckFurtherDepartmentsAsync(
        OneStopDbContext db, Role role, string? home, IReadOnlyList<string>? further, Dictionary<string, FieldError[]> errors, CancellationToken ct)
    {
        if (further is null)
        {
            return;
        }

        var bad = further.Where(code => code is null || Domain.Catalogue.Department.CodeProblem(code) is not null).ToList();
        if (bad.Count > 0)
        {
            errors[FurtherDepartmentsField] = [UnknownDepartment(Printable(bad[0] ?? "null"))];
            return;
        }

        if (UserAccount.FurtherDepartmentsError(role, home, further) is { } problem)
        {
            errors[FurtherDepartmentsField] = [problem];
            return;
        }

        var codes = further.ToList();
        var found = codes.Count == 0 ? []
            : await db.Departments.AsNoTracking().Where(d => codes.Contains(d.Code)).Select(d => new { d.Code, d.RetiredAt }).ToListAsync(ct);
        var problems = codes.Select(code => found.FirstOrDefault(d => d.Code == code) switch
            {
                null => UnknownDepartment(code),
                { RetiredAt: not null } => RetiredDepartment(code),
                _ => null,
            })
            .OfType<FieldError>().ToArray();
        if (problems.Length > 0)
        {
            errors[FurtherDepartmentsField] = problems;
        }
    }

    private static FieldError UnknownDepartment(string code) =>
        new FieldError(FieldErrorCodes.DepartmentUnknown, $"Unknown department '{code}'.").With("department", code);

    private static FieldError RetiredDepartment(string code) =>
        new FieldError(FieldErrorCodes.DepartmentRetired, $"Department '{code}' is retired; it takes no new staff.").With("department", code);

    /// <summary>The field of the further departments in the staff commands' bodies and errors.</summary>
    public const string FurtherDepartmentsField = "furtherDepartments";

    /// <summary>The account, tracked, or a 404 refusal.</summary>
    public static async Task<Result<UserAccount>> FindAsync(OneStopDbContext db, string userName, CancellationToken ct) =>
        UserAccount.UserNameProblem(userName) is null && await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct) is { } user
            ? user
            : Refusal.NotFound($"No user is named '{Printable(userName)}'.");

    /// <summary>The text with control and formatting characters shown as \uXXXX, for messages that echo input.</summary>
    public static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>Refuses an administrator's command on their own account (they could lock themselves, and the centre, out).</summary>
    public static Refusal? NotOnSelf(string userName, Actor actor, string what) =>
        userName == actor.UserName
            ? Refusal.Conflict($"You cannot {what} your own account; ask another administrator.", RefusalCodes.UserSelf)
            : null;

    /// <summary>The password rules' refusal for <paramref name="field"/>, or null when the password is acceptable.</summary>
    public static Refusal? PasswordRefusal(string field, string? password, string userName) =>
        PasswordPolicy.Errors(password, userName) is { Count: > 0 } problems ? Refusal.Invalid(field, [.. problems]) : null;

    /// <summary>Adds an audit event (staff administration events are internal; <paramref name="details"/> becomes JSON).</summary>
    public static void Audit(OneStopDbContext db, Instant now, string actor, string action, string subject, object details) =>
        db.AuditEvents.Add(new AuditEvent(now, actor, action, null, subject, JsonSerializer.Serialize(details, AuditJson), null));

    /// <summary>Saves the change of <paramref name="user"/> and forgets its kept standing on this node (its tokens end at once here).</summary>
    public static async Task SaveAndForgetAsync(OneStopDbContext db, IAccountStandingCache standings, UserAccount user, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        standings.Forget(user.UserName);
    }

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
