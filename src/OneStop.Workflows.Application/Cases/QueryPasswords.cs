using System.Security.Cryptography;

namespace OneStop.Workflows.Application.Cases;

/// <summary>Case numbers and query passwords: random, and the password kept only as a PBKDF2 hash.</summary>
public static class QueryPasswords
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Iterations = 50_000;

    /// <summary><c>yyyyMMdd-XXXXXX</c>: the receipt date and six random characters (no 0/O, 1/I).</summary>
    public static string NewCaseNumber(NodaTime.LocalDate receiptDate) =>
        $"{receiptDate:yyyyMMdd}-{RandomText(6)}";

    public static string NewPassword() => RandomText(8);

    /// <summary>A hash no password matches, verified when a case number is unknown (constant-time refusals).</summary>
    public static string DecoyHash { get; } = Hash(RandomText(16));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string RandomText(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
