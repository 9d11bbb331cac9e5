using OneStop.Workflows.Domain.Shared;

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

/// <summary>
/// A member of staff who signs in. The password is stored only as a salted hash. The <see cref="SecurityStamp"/> changes
/// whenever what a token or cookie vouches for changes (disabled, role or department, password), which ends every token
/// and cookie issued before.
/// </summary>
public sealed class UserAccount
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 200;

    /// <summary>At most this many further departments (兼任部门) besides the home department.</summary>
    public const int MaxFurtherDepartments = 10;

    private readonly List<DepartmentMembership> _memberships = [];

    public UserAccount(string userName, string displayName, Role role, string? departmentCode, string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        if (DepartmentProblem(role, departmentCode) is { } problem)
        {
            throw new ArgumentException(problem, nameof(departmentCode));
        }

        UserName = userName;
        DisplayName = displayName;
        Role = role;
        DepartmentCode = departmentCode;
        PasswordHash = passwordHash;
        IsActive = true;
        SecurityStamp = NewStamp();
    }

    /// <summary>The sign-in name; unique, case-sensitive as stored.</summary>
    public string UserName { get; private set; }

    public string DisplayName { get; private set; }

    public Role Role { get; private set; }

    /// <summary>The home department (所属部门) a clerk, reviewer or department head works for: what the audit and the desk show.</summary>
    public string? DepartmentCode { get; private set; }

    /// <summary>The further departments (兼任部门) the user also works for, by code (docs/adr/0011).</summary>
    public IReadOnlyList<string> FurtherDepartments => _memberships.Select(m => m.DepartmentCode).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every department the user works for: the home department first, then the further ones; empty without a department.</summary>
    public IReadOnlyList<string> Departments =>
        DepartmentCode is null ? [] : [DepartmentCode, .. FurtherDepartments];

    /// <summary>The stored memberships (mapped to <c>user_departments</c>); read <see cref="FurtherDepartments"/> instead.</summary>
    public IReadOnlyCollection<DepartmentMembership> Memberships => _memberships;

    public string PasswordHash { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Changes on disable, role or department change, password change or reset; tokens and cookies carry it.</summary>
    public string SecurityStamp { get; private set; }

    /// <summary>The password is a one-time password (set by an administrator): the user must change it before doing anything else.</summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>Whether a role works for a department (clerks, reviewers and department heads do; the others do not).</summary>
    public static bool HasDepartment(Role role) => role is Role.Reviewer or Role.DepartmentHead or Role.WindowClerk;

    /// <summary>Why a role and department do not go together, or null.</summary>
    public static string? DepartmentProblem(Role role, string? departmentCode) => DepartmentError(role, departmentCode)?.Message;

    /// <summary>Why a role and department do not go together, with its code (ADR 0017), or null.</summary>
    public static FieldError? DepartmentError(Role role, string? departmentCode) =>
        HasDepartment(role) && string.IsNullOrWhiteSpace(departmentCode) ? new FieldError(FieldErrorCodes.DepartmentRequiredForRole, $"A {role} belongs to a department.").With("role", role.ToString())
        : !HasDepartment(role) && departmentCode is not null ? new FieldError(FieldErrorCodes.DepartmentNotForRole, $"A {role} belongs to no department.").With("role", role.ToString())
        : null;

    /// <summary>
    /// Why further departments do not go with a role and home department, or null: only a role with a department has them,
    /// at most <see cref="MaxFurtherDepartments"/>, none twice, not the home department. (Existence is the caller's check.)
    /// </summary>
    public static string? FurtherDepartmentsProblem(Role role, string? departmentCode, IReadOnlyCollection<string> further) =>
        FurtherDepartmentsError(role, departmentCode, further)?.Message;

    /// <summary>Why further departments do not go with a role and home department, with its code (ADR 0017), or null.</summary>
    public static FieldError? FurtherDepartmentsError(Role role, string? departmentCode, IReadOnlyCollection<string> further) =>
        further.Count == 0 ? null
        : !HasDepartment(role) ? new FieldError(FieldErrorCodes.FurtherDepartmentsNotForRole, $"A {role} belongs to no department, so to no further department either.").With("role", role.ToString())
        : further.Count > MaxFurtherDepartments ? new FieldError(FieldErrorCodes.FurtherDepartmentsTooMany, $"At most {MaxFurtherDepartments} further departments.").With("max", MaxFurtherDepartments)
        : further.Distinct(StringComparer.Ordinal).Count() != further.Count ? new FieldError(FieldErrorCodes.FurtherDepartmentsTwice, "A further department is named twice.")
        : further.Contains(departmentCode, StringComparer.Ordinal)
            ? new FieldError(FieldErrorCodes.FurtherDepartmentsHome, $"{departmentCode} is the home department, not a further one.").With("department", departmentCode)
        : null;

    /// <summary>Why a user name is not acceptable, or null: 2–64 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static string? UserNameProblem(string? userName) => UserNameError(userName)?.Message;

    /// <summary>Why a user name is not acceptable, with its code (ADR 0017), or null.</summary>
    public static FieldError? UserNameError(string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return new(FieldErrorCodes.Required, "A user name is required.");
        }

        if (userName.Length is < 2 or > MaxUserNameLength)
        {
            return new FieldError(FieldErrorCodes.LengthRange, $"A user name has 2 to {MaxUserNameLength} characters.").With("min", 2).With("max", MaxUserNameLength);
        }

        return char.IsAsciiLetterOrDigit(userName[0]) && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? null
            : new(FieldErrorCodes.UserNameFormat, "A user name has only letters a–z, digits, '.', '_' and '-', and starts with a letter or digit.");
    }

    /// <summary>Why a display name is not acceptable, or null: 1–200 characters, no control or format characters.</summary>
    public static string? DisplayNameProblem(string? displayName) => DisplayNameError(displayName)?.Message;

    /// <summary>Why a display name is not acceptable, with its code (ADR 0017), or null.</summary>
    public static FieldError? DisplayNameError(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? new(FieldErrorCodes.Required, "A display name is required.")
        : displayName.Length > MaxDisplayNameLength ? new FieldError(FieldErrorCodes.TooLong, $"A display name has at most {MaxDisplayNameLength} characters.").With("max", MaxDisplayNameLength)
        : displayName.Any(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? new(FieldErrorCodes.ControlCharacters, "A display name cannot contain control or formatting characters.")
        : null;

    /// <summary>A new account whose password is a one-time password the user must change at the next sign-in.</summary>
    public static UserAccount WithOneTimePassword(string userName, string displayName, Role role, string? departmentCode, string passwordHash)
    {
        var user = new UserAccount(userName, displayName, role, departmentCode, passwordHash) { MustChangePassword = true };
        return user;
    }

    /// <summary>A rehash of the same password (a newer hash format): nothing else changes, tokens stay valid.</summary>
    public void ChangePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    /// <summary>The user chose a new password: the one-time flag is cleared and earlier tokens end.</summary>
    public void ChangePassword(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        MustChangePassword = false;
        SecurityStamp = NewStamp();
    }

    /// <summary>An administrator set a one-time password: the user must change it at the next sign-in; earlier tokens end.</summary>
    public void ResetPassword(string oneTimePasswordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oneTimePasswordHash);
        PasswordHash = oneTimePasswordHash;
        MustChangePassword = true;
        SecurityStamp = NewStamp();
    }

    /// <summary>A new role and department; refused (the reason) when they do not go together or nothing changes.</summary>
    /// <remarks>The further departments stay, less the new home department; a role without a department has none.</remarks>
    public string? ChangeRole(Role role, string? departmentCode) =>
        ChangeRole(role, departmentCode, HasDepartment(role) ? FurtherDepartments.Where(d => d != departmentCode).ToList() : []);

    /// <summary>
    /// A new role, home department and further departments; refused (the reason) when they do not go together or nothing
    /// changes. A change ends the user's tokens and cookies, as a role change does (the memberships are in the claims).
    /// </summary>
    public string? ChangeRole(Role role, string? departmentCode, IReadOnlyList<string> furtherDepartments)
    {
        ArgumentNullException.ThrowIfNull(furtherDepartments);
        if ((DepartmentProblem(role, departmentCode) ?? FurtherDepartmentsProblem(role, departmentCode, furtherDepartments)) is { } problem)
        {
            return problem;
        }

        if (role == Role && departmentCode == DepartmentCode && furtherDepartments.Order(StringComparer.Ordinal).SequenceEqual(FurtherDepartments, StringComparer.Ordinal))
        {
            return $"{UserName} already has role {role}{(departmentCode is null ? string.Empty : $" in {departmentCode}")}"
                + (furtherDepartments.Count == 0 ? "." : $" and {string.Join(", ", furtherDepartments)}.");
        }

        Role = role;
        DepartmentCode = departmentCode;
        SetMemberships(furtherDepartments);
        SecurityStamp = NewStamp();
        return null;
    }

    /// <summary>Sets the further departments of a new account (before it is first saved); throws when they do not fit.</summary>
    public UserAccount WithFurtherDepartments(IReadOnlyList<string> furtherDepartments)
    {
        if (FurtherDepartmentsProblem(Role, DepartmentCode, furtherDepartments) is { } problem)
        {
            throw new ArgumentException(problem, nameof(furtherDepartments));
        }

        SetMemberships(furtherDepartments);
        return this;
    }

    private void SetMemberships(IReadOnlyList<string> furtherDepartments)
    {
        _memberships.RemoveAll(m => !furtherDepartments.Contains(m.DepartmentCode, StringComparer.Ordinal));
        foreach (var code in furtherDepartments.Where(c => _memberships.All(m => m.DepartmentCode != c)))
        {
            _memberships.Add(new DepartmentMembership(code));
        }
    }

    /// <summary>Disables the account: no sign-in, and every token and cookie ends. Refused (the reason) when already disabled.</summary>
    public string? Disable()
    {
        if (!IsActive)
        {
            return $"{UserName} is already disabled.";
        }

        Deactivate();
        return null;
    }

    /// <summary>Enables a disabled account (its earlier tokens stay ended). Refused (the reason) when already active.</summary>
    public string? Enable()
    {
        if (IsActive)
        {
            return $"{UserName} is already active.";
        }

        IsActive = true;
        SecurityStamp = NewStamp();
        return null;
    }

    /// <summary>Disables the account whatever its state.</summary>
    public void Deactivate()
    {
        IsActive = false;
        SecurityStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
