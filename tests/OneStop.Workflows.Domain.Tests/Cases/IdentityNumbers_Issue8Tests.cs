using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Domain.Tests.Cases;

/// <summary>Issue 8 finding 16: the check characters of the resident ID number (GB 11643) and the unified social credit code (GB 32100).</summary>
public class IdentityNumbers_Issue8Tests
{
    [Theory]
    [InlineData("11010519491231002X")] // the sample of the docs and tests
    [InlineData("110101199003074477")]
    public void ResidentIdNumber_IsValid_WithTheRightCheckCharacter(string number) =>
        ResidentIdNumber.IsValid(number).Should().BeTrue();

    [Theory]
    [InlineData("110105194912310021", "wrong check digit")]
    [InlineData("110101199003074478", "wrong check digit")]
    [InlineData("11010519491331002X", "month 13")]
    [InlineData("1101051949123100X2", "X not at the end")]
    [InlineData("11010519491231002", "17 characters")]
    [InlineData("91350100M000100Y43", "a credit code is not an ID number")]
    [InlineData(null, "missing")]
    public void ResidentIdNumber_IsInvalid(string? number, string why) =>
        ResidentIdNumber.IsValid(number).Should().BeFalse(why);

    [Fact]
    public void ResidentIdNumber_CheckCharacter_FollowsTheStandardWeights() =>
        ResidentIdNumber.CheckCharacter("11010519491231002").Should().Be('X');

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void UnifiedSocialCreditCode_IsValid_WithTheRightCheckCharacter(string code) =>
        UnifiedSocialCreditCode.IsValid(code).Should().BeTrue();

    [Theory]
    [InlineData("91350100M000100Y44", "wrong check character")]
    [InlineData("91350100M000100YI3", "I is not used")]
    [InlineData("9135A100M000100Y43", "the region code is six digits")]
    [InlineData("91350100M000100Y4", "17 characters")]
    [InlineData("11010519491231002X", "an ID number is not a credit code")]
    public void UnifiedSocialCreditCode_IsInvalid(string code, string why) =>
        UnifiedSocialCreditCode.IsValid(code).Should().BeFalse(why);
}
