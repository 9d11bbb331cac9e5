using System.Globalization;

namespace OneStop.Workflows.Domain.Cases;

/// <summary>
/// The citizen identity number of GB 11643-1999 (公民身份号码): six digits of the address code, the birth date as yyyyMMdd, a
/// three-digit sequence number and a check character (0–9 or X) computed with the ISO 7064 MOD 11-2 weights.
/// </summary>
public static class ResidentIdNumber
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>Whether <paramref name="text"/> (upper case X) is a well-formed number: 17 digits, a real birth date, the right check character.</summary>
    public static bool IsValid(string? text)
    {
        if (text is not { Length: Length } || !text.AsSpan(0, 17).ContainsOnlyDigits())
        {
            return false;
        }

        if (!DateTime.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1800)
        {
            return false;
        }

        return CheckCharacter(text.AsSpan(0, 17)) == text[17];
    }

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || !first17.ContainsOnlyDigits())
        {
            throw new ArgumentException("Seventeen digits are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');
}
