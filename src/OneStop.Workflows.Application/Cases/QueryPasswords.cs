using System.Security.Cryptography;

namespace OneStop.Workflows.Application.Cases;

/// <summary>
/// Case numbers and query passwords: random, and the password kept only as a salted SHA-256 hash (ADR 0006: a random
/// 40-bit secret guarding data that sits in the same database needs no key stretching). Hashes written before ADR 0006
/// (<c>pbkdf2-sha256$…</c>) still verify.
/// </summary>
public static class QueryPasswords
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary><c>yyyyMMdd-XXXXXX</c>: the receipt date and six random characters (no 0/O, 1/I).</summary>
    public static string NewCaseNumber(NodaTime.LocalDate receiptDate) =>
        $"{receiptDate:yyyyMMdd}-{RandomText(6)}";

    public static string NewPassword() => RandomText(8);

    /// <summary>A hash no password matches, verified when a case number is unknown (constant-time refusals).</summary>
    public static string DecoyHash { get; } = Hash(RandomText(16));

    /// <summary><c>sha256$SALT$HASH</c>: HMAC-SHA-256 of the password keyed with a random 16-byte salt (base64).</summary>
    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"sha256${Convert.ToBase64String(salt)}${Convert.ToBase64String(Sha256(password, salt))}";
    }

    public static bool Verify(string? password, string stored)
    {
        // No password (a replayed receipt carries none) never matches; it is hashed like any other, so it costs the same.
        password ??= string.Empty;
        var parts = stored.Split('$');
        byte[] expected, actual;
        if (parts.Length == 3 && parts[0] == "sha256")
        {
            expected = Convert.FromBase64String(parts[2]);
            actual = Sha256(password, Convert.FromBase64String(parts[1]));
        }
        else if (parts.Length == 4 && parts[0] == "pbkdf2-sha256" && int.TryParse(parts[1], out var iterations) && iterations is > 0 and <= 1_000_000)
        {
            expected = Convert.FromBase64String(parts[3]);
            actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        }
        else
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] Sha256(string password, byte[] salt) => HMACSHA256.HashData(salt, System.Text.Encoding.UTF8.GetBytes(password));

    private static string RandomText(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
