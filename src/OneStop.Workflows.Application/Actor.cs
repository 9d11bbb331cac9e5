using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Application;

/// <summary>The member of staff a use case acts for (from the sign-in claims, a job's system identity, or a test).</summary>
/// <param name="Department">The home department (所属部门): what the audit and the desk show.</param>
public sealed record Actor(string UserName, Role Role, string? Department)
{
    /// <summary>An actor who also works for further departments (兼任部门, docs/adr/0011).</summary>
    public Actor(string userName, Role role, string? department, IReadOnlyList<string> furtherDepartments)
        : this(userName, role, department) =>
        FurtherDepartments = department is null ? [] : furtherDepartments.Where(d => d != department).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The further departments, without the home department.</summary>
    public IReadOnlyList<string> FurtherDepartments { get; } = [];

    /// <summary>Every department the actor works for: the home department first, then the further ones; empty without one.</summary>
    public IReadOnlyList<string> Departments => Department is null ? [] : [Department, .. FurtherDepartments];

    /// <summary>Whether the actor works for <paramref name="department"/> (home or further).</summary>
    public bool WorksFor(string? department) => department is not null && (department == Department || FurtherDepartments.Contains(department, StringComparer.Ordinal));

    /// <summary>The actor of a user account: its home and further departments.</summary>
    public static Actor Of(UserAccount user) => new(user.UserName, user.Role, user.DepartmentCode, user.FurtherDepartments);
}
