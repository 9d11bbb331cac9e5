using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Domain.Tests.People;

/// <summary>The password rules of issue 8: at least 10 characters, not containing the user name, not a common password.</summary>
public class PasswordPolicy_Issue8Tests
{
    [Theory]
    [InlineData("correct horse battery", "clerk.market")]
    [InlineData("Tq7-vW2x-Lm9k", "admin")]
    [InlineData("我的密码很长很长很长啊", "reviewer.fire")]
    public void Check_AcceptsALongUncommonPassword(string password, string userName) =>
        PasswordPolicy.Check(password, userName).Should().BeEmpty();

    [Theory]
    [InlineData("Short1!", "at least 10 characters")]
    [InlineData("123456789", "at least 10 characters")]
    [InlineData("", "required")]
    [InlineData(null, "required")]
    public void Check_RefusesMissingOrShortPasswords(string? password, string message) =>
        PasswordPolicy.Check(password, "someone").Should().ContainSingle().Which.Should().Contain(message);

    [Theory]
    [InlineData("clerk.market2025!")]
    [InlineData("my-CLERK.MARKET-password")]
    public void Check_RefusesAPasswordContainingTheUserName_IgnoringCase(string password) =>
        PasswordPolicy.Check(password, "clerk.market").Should().Contain(m => m.Contains("user name"));

    [Theory]
    [InlineData("password123")]
    [InlineData("Password123")]
    [InlineData("QWERTYUIOP")]
    [InlineData("1234567890")]
    [InlineData("iloveyou123")]
    [InlineData("woaini1314520")]
    [InlineData("1qaz2wsx3edc")]
    public void Check_RefusesCommonPasswords_IgnoringCase(string password) =>
        PasswordPolicy.Check(password, "someone").Should().ContainSingle().Which.Should().Contain("most common");

    [Fact]
    public void TheShippedList_HasSomeThousandEntries_AllLongEnoughToMatter()
    {
        PasswordPolicy.CommonPasswordCount.Should().BeInRange(2_000, 20_000);
        PasswordPolicy.IsCommon("welcome123").Should().BeTrue();
        PasswordPolicy.IsCommon("Tq7-vW2x-Lm9k").Should().BeFalse();
    }

    [Fact]
    public void Check_RefusesControlCharactersAndOverlongPasswords()
    {
        PasswordPolicy.Check("abcdefghij\u0000kl", "someone").Should().Contain(m => m.Contains("control"));
        PasswordPolicy.Check(new string('x', 129) + "Tq7", "someone").Should().Contain(m => m.Contains("at most 128"));
    }

    [Fact]
    public void Check_ListsEveryBrokenRule()
    {
        PasswordPolicy.Check("admin", "admin").Should().HaveCount(2, "too short and containing the user name");
    }
}
