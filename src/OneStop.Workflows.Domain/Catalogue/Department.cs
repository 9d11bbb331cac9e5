using NodaTime;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Catalogue;

/// <summary>
/// A department (部门) of the centre; <see cref="Code"/> is what definitions and users refer to. A retired department
/// (已撤销部门) keeps its history (cases, tasks, users) but gets no new work.
/// </summary>
public sealed class Department
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 99; // both names and a space fit the 200 characters of the display name

    /// <summary>A department named by one display name (as the demo centre's earliest rows were).</summary>
    public Department(string code, string name, string? parentCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code;
        Name = name;
        ChineseName = string.Empty;
        EnglishName = string.Empty;
        ParentCode = parentCode;
    }

    /// <summary>A department with its Chinese and English names; <see cref="Name"/> shows both.</summary>
    public Department(string code, string chineseName, string englishName, string? parentCode)
        : this(code, DisplayName(chineseName, englishName), parentCode)
    {
        ChineseName = chineseName;
        EnglishName = englishName;
    }

    public string Code { get; private set; }

    /// <summary>The name shown to users: the Chinese name, a space, the English name.</summary>
    public string Name { get; private set; }

    /// <summary>The official Chinese name (e.g. 市场监督管理局); empty on rows made before names were bilingual.</summary>
    public string ChineseName { get; private set; }

    /// <summary>The English name (e.g. Market regulation); empty on rows made before names were bilingual.</summary>
    public string EnglishName { get; private set; }

    /// <summary>The parent unit (上级单位), if any.</summary>
    public string? ParentCode { get; private set; }

    /// <summary>When the department was retired; null while it is active.</summary>
    public Instant? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    /// <summary>Why a department code is not acceptable, or null: 2–64 lower-case letters, digits or '-', starting with a letter.</summary>
    public static string? CodeProblem(string? code) => CodeError(code)?.Message;

    /// <summary>Why a department code is not acceptable, with its code (ADR 0017), or null.</summary>
    public static FieldError? CodeError(string? code) =>
        string.IsNullOrEmpty(code) ? new(FieldErrorCodes.Required, "A department code is required.")
        : code.Length is < 2 or > MaxCodeLength ? new FieldError(FieldErrorCodes.LengthRange, $"A department code has 2 to {MaxCodeLength} characters.").With("min", 2).With("max", MaxCodeLength)
        : char.IsAsciiLetterLower(code[0]) && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? null
        : new(FieldErrorCodes.DepartmentCodeFormat, "A department code has only lower-case letters a–z, digits and '-', and starts with a letter.");

    /// <summary>Why a name is not acceptable, or null: 1–99 characters, no control or formatting characters.</summary>
    public static string? NameProblem(string? name) => NameError(name)?.Message;

    /// <summary>Why a name is not acceptable, with its code (ADR 0017), or null.</summary>
    public static FieldError? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) ? new(FieldErrorCodes.Required, "A name is required.")
        : name.Length > MaxNameLength ? new FieldError(FieldErrorCodes.TooLong, $"A name has at most {MaxNameLength} characters.").With("max", MaxNameLength)
        : name.Any(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? new(FieldErrorCodes.ControlCharacters, "A name cannot contain control or formatting characters.")
        : name != name.Trim() ? new(FieldErrorCodes.Padded, "A name cannot start or end with spaces.")
        : null;

    /// <summary>New Chinese and English names; the display name follows.</summary>
    public void Rename(string chineseName, string englishName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chineseName);
        ArgumentException.ThrowIfNullOrWhiteSpace(englishName);
        ChineseName = chineseName;
        EnglishName = englishName;
        Name = DisplayName(chineseName, englishName);
    }

    /// <summary>Retires the department at <paramref name="now"/>; refused (the reason) when it is already retired.</summary>
    public string? Retire(Instant now)
    {
        if (RetiredAt is not null)
        {
            return $"Department {Code} was already retired.";
        }

        RetiredAt = now;
        return null;
    }

    private static string DisplayName(string chineseName, string englishName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chineseName);
        ArgumentException.ThrowIfNullOrWhiteSpace(englishName);
        return $"{chineseName} {englishName}";
    }
}
