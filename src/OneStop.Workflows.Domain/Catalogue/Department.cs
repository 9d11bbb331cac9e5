namespace OneStop.Workflows.Domain.Catalogue;

/// <summary>A department (部门) of the centre; <see cref="Code"/> is what definitions and users refer to.</summary>
public sealed class Department
{
    public Department(string code, string name, string? parentCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code;
        Name = name;
        ParentCode = parentCode;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>The parent unit (上级单位), if any.</summary>
    public string? ParentCode { get; private set; }

    public void Rename(string name, string? parentCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        ParentCode = parentCode;
    }
}
