using System.Security.Cryptography;
using FluentAssertions;
using OneStop.Workflows.Application.Cases;
using Xunit;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>ADR 0006: query passwords are stored as salted SHA-256; hashes of the PBKDF2 era still verify.</summary>
public sealed class QueryPasswordHash_Issue9Tests
{
    [Fact]
    public void A_new_hash_is_salted_sha256_and_verifies_only_its_password()
    {
        var password = QueryPasswords.NewPassword();

        var first = QueryPasswords.Hash(password);
        var second = QueryPasswords.Hash(password);

        first.Should().StartWith("sha256$").And.NotContain(password);
        first.Should().NotBe(second, "each hash has its own salt");
        QueryPasswords.Verify(password, first).Should().BeTrue();
        QueryPasswords.Verify(password, second).Should().BeTrue();
        QueryPasswords.Verify(password.ToLowerInvariant(), first).Should().BeFalse();
        QueryPasswords.Verify(password + "A", first).Should().BeFalse();
    }

    [Fact]
    public void A_hash_of_the_pbkdf2_era_still_verifies()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2("KUU2DR4C", salt, 50_000, HashAlgorithmName.SHA256, 32);
        var stored = $"pbkdf2-sha256$50000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";

        QueryPasswords.Verify("KUU2DR4C", stored).Should().BeTrue();
        QueryPasswords.Verify("KUU2DR4D", stored).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256$")]
    [InlineData("md5$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$2000000000$AAAA$AAAA")]
    public void A_malformed_or_unknown_hash_verifies_nothing(string stored) =>
        QueryPasswords.Verify("KUU2DR4C", stored).Should().BeFalse();
}
