using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Application.Staff;

/// <summary>A user account as administrators see it (never the password hash or the security stamp).</summary>
/// <param name="Department">The home department (所属部门).</param>
public sealed record UserView(string UserName, string DisplayName, Role Role, string? Department, bool Active, bool MustChangePassword)
{
    /// <summary>The further departments (兼任部门, ADR 0011), by code; empty when none.</summary>
    public IReadOnlyList<string> FurtherDepartments { get; init; } = [];

    public static UserView From(UserAccount user) =>
        new(user.UserName, user.DisplayName, user.Role, user.DepartmentCode, user.IsActive, user.MustChangePassword) { FurtherDepartments = user.FurtherDepartments };
}

/// <summary>An account with the one-time password an administrator just set: shown once, never stored in the clear.</summary>
public sealed record UserWithOneTimePassword(UserView User, string OneTimePassword);
