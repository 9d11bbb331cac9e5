using NodaTime;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Staff;

/// <summary>A department as the API shows it: display name, Chinese and English names, parent, and whether it is active (not retired).</summary>
public sealed record DepartmentView(string Code, string Name, string ChineseName, string EnglishName, string? ParentCode, bool Active, Instant? RetiredAt)
{
    public static DepartmentView From(Department d) => new(d.Code, d.Name, d.ChineseName, d.EnglishName, d.ParentCode, d.IsActive, d.RetiredAt);

    /// <summary>Errors under <c>chineseName</c> / <c>englishName</c>.</summary>
    public static void CheckNames(string? chineseName, string? englishName, Dictionary<string, FieldError[]> errors)
    {
        if (Department.NameError(chineseName) is { } zh)
        {
            errors["chineseName"] = [zh];
        }

        if (Department.NameError(englishName) is { } en)
        {
            errors["englishName"] = [en];
        }
    }
}
