using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.People;

/// <summary>
/// The centre's password rules: at least <see cref="MinLength"/> characters (at most <see cref="MaxLength"/>), not containing
/// the user name (ignoring case), not one of the shipped common passwords (ignoring case), no control characters.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private const string ListResource = "OneStop.Workflows.Domain.People.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>How many common passwords are refused (the shipped list).</summary>
    public static int CommonPasswordCount => Common.Value.Count;

    /// <summary>Every rule the password breaks, as messages for the user; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string? password, string userName) => Errors(password, userName).Select(e => e.Message).ToList();

    /// <summary>Every rule the password breaks, with its code (ADR 0017); empty when it is acceptable.</summary>
    public static IReadOnlyList<FieldError> Errors(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new(FieldErrorCodes.Required, "A password is required.")];
        }

        var problems = new List<FieldError>();
        if (password.Length < MinLength)
        {
            problems.Add(new FieldError(FieldErrorCodes.PasswordTooShort, $"A password has at least {MinLength} characters.").With("min", MinLength));
        }

        if (password.Length > MaxLength)
        {
            problems.Add(new FieldError(FieldErrorCodes.TooLong, $"A password has at most {MaxLength} characters.").With("max", MaxLength));
        }

        if (password.Any(char.IsControl))
        {
            problems.Add(new(FieldErrorCodes.ControlCharacters, "A password cannot contain control characters."));
        }

        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(FieldErrorCodes.PasswordContainsUserName, "A password cannot contain the user name."));
        }

        if (IsCommon(password))
        {
            problems.Add(new(FieldErrorCodes.PasswordCommon, "This password is one of the most common passwords; choose another."));
        }

        return problems;
    }

    /// <summary>Whether the password is on the shipped list of common passwords (ignoring case).</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password);

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"The embedded resource {ListResource} is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set;
    }
}
