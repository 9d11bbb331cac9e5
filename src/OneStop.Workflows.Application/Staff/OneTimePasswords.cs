using System.Security.Cryptography;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Application.Staff;

/// <summary>Generates one-time passwords (一次性密码): 16 random characters without look-alikes (no 0/O, 1/l/I), in groups of four.</summary>
internal static class OneTimePasswords
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A new one-time password that meets <see cref="PasswordPolicy"/> for <paramref name="userName"/>.</summary>
    public static string New(string userName)
    {
        while (true)
        {
            var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4));
            var password = string.Join('-', groups);
            if (PasswordPolicy.Check(password, userName).Count == 0)
            {
                return password;
            }
        }
    }
}
