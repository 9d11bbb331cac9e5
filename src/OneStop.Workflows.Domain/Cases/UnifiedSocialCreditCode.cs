namespace OneStop.Workflows.Domain.Cases;

/// <summary>
/// The unified social credit code of organisations, GB 32100-2015 (统一社会信用代码): 18 characters from
/// <c>0-9 A-H J-N P-R T U W-Y</c> (no I, O, Z, S, V) — registration authority, organisation type, six-digit region code,
/// nine-character organisation code — and a check character computed modulo 31.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    private const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Whether <paramref name="text"/> (upper case) is a well-formed code with the right check character.</summary>
    public static bool IsValid(string? text)
    {
        if (text is not { Length: Length } || text.Any(c => !Characters.Contains(c)) || text.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return CheckCharacter(text.AsSpan(0, 17)) == text[17];
    }

    /// <summary>The check character of the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Characters.IndexOf(first17[i]);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a character of the code.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Characters[(31 - (sum % 31)) % 31];
    }
}
