namespace OneStop.Workflows.Domain.People;

/// <summary>
/// A further department (兼任部门) a member of staff works for besides the home department (所属部门): a comprehensive
/// window clerk accepting for several departments, an approval bureau reviewer reviewing for several (docs/adr/0011).
/// </summary>
public sealed class DepartmentMembership
{
    public DepartmentMembership(string departmentCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(departmentCode);
        DepartmentCode = departmentCode;
    }

    /// <summary>The department's code.</summary>
    public string DepartmentCode { get; private set; }
}
