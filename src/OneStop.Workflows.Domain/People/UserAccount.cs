namespace OneStop.Workflows.Domain.People;

/// <summary>The roles of the centre's staff (applicants are not users; they use a case number and query password).</summary>
public enum Role
{
    Administrator,
    Designer,
    WindowClerk,
    Reviewer,
    DepartmentHead,
    Supervisor,
}

/// <summary>A member of staff who signs in. The password is stored only as a salted hash.</summary>
public sealed class UserAccount
{
    public UserAccount(string userName, string displayName, Role role, string? departmentCode, string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        if (role is Role.Reviewer or Role.DepartmentHead or Role.WindowClerk && string.IsNullOrWhiteSpace(departmentCode))
        {
            throw new ArgumentException($"A {role} belongs to a department.", nameof(departmentCode));
        }

        UserName = userName;
        DisplayName = displayName;
        Role = role;
        DepartmentCode = departmentCode;
        PasswordHash = passwordHash;
        IsActive = true;
    }

    /// <summary>The sign-in name; unique, case-sensitive as stored.</summary>
    public string UserName { get; private set; }

    public string DisplayName { get; private set; }

    public Role Role { get; private set; }

    /// <summary>The department a clerk, reviewer or department head works for.</summary>
    public string? DepartmentCode { get; private set; }

    public string PasswordHash { get; private set; }

    public bool IsActive { get; private set; }

    public void ChangePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    public void Deactivate() => IsActive = false;
}
