using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Domain.Tests.People;

/// <summary>
/// User account transitions of issue 8: every change that a token vouches for (disable, role or department, password)
/// changes the security stamp; a one-time password must be changed; a rehash changes nothing else.
/// </summary>
public class UserAccount_Issue8Tests
{
    private static UserAccount Reviewer() => new("reviewer.fire", "消防审查人员 Fire reviewer", Role.Reviewer, "fire", "hash-1");

    [Fact]
    public void NewAccount_IsActive_WithAStamp_AndNoPasswordChangeDue()
    {
        var user = Reviewer();

        user.IsActive.Should().BeTrue();
        user.MustChangePassword.Should().BeFalse();
        user.SecurityStamp.Should().HaveLength(32);
        Reviewer().SecurityStamp.Should().NotBe(user.SecurityStamp);
    }

    [Fact]
    public void WithOneTimePassword_MustChangeIt_AndChangingClearsTheFlag_AndRestamps()
    {
        var user = UserAccount.WithOneTimePassword("clerk.new", "New clerk", Role.WindowClerk, "market", "one-time");
        user.MustChangePassword.Should().BeTrue();
        var stamp = user.SecurityStamp;

        user.ChangePassword("chosen");

        user.MustChangePassword.Should().BeFalse();
        user.PasswordHash.Should().Be("chosen");
        user.SecurityStamp.Should().NotBe(stamp);
    }

    [Fact]
    public void ResetPassword_SetsAOneTimePassword_AndRestamps()
    {
        var user = Reviewer();
        var stamp = user.SecurityStamp;

        user.ResetPassword("one-time");

        user.MustChangePassword.Should().BeTrue();
        user.SecurityStamp.Should().NotBe(stamp);
    }

    [Fact]
    public void Rehash_KeepsTheStamp()
    {
        var user = Reviewer();
        var stamp = user.SecurityStamp;

        user.ChangePasswordHash("rehashed");

        user.SecurityStamp.Should().Be(stamp);
        user.MustChangePassword.Should().BeFalse();
    }

    [Fact]
    public void Disable_Restamps_AndIsRefusedTwice_EnableRestampsAgain()
    {
        var user = Reviewer();
        var stamp = user.SecurityStamp;

        user.Disable().Should().BeNull();
        user.IsActive.Should().BeFalse();
        user.SecurityStamp.Should().NotBe(stamp);
        user.Disable().Should().Contain("already disabled");

        var disabledStamp = user.SecurityStamp;
        user.Enable().Should().BeNull();
        user.IsActive.Should().BeTrue();
        user.SecurityStamp.Should().NotBe(disabledStamp, "tokens from before the disabling stay ended");
        user.Enable().Should().Contain("already active");
    }

    [Fact]
    public void ChangeRole_Restamps_AndChecksTheDepartment()
    {
        var user = Reviewer();
        var stamp = user.SecurityStamp;

        user.ChangeRole(Role.DepartmentHead, "fire").Should().BeNull();
        user.Role.Should().Be(Role.DepartmentHead);
        user.SecurityStamp.Should().NotBe(stamp);

        user.ChangeRole(Role.DepartmentHead, "fire").Should().Contain("already");
        user.ChangeRole(Role.Reviewer, null).Should().Contain("belongs to a department");
        user.ChangeRole(Role.Supervisor, "fire").Should().Contain("belongs to no department");
        user.Role.Should().Be(Role.DepartmentHead, "a refused change changes nothing");

        user.ChangeRole(Role.Supervisor, null).Should().BeNull();
        user.DepartmentCode.Should().BeNull();
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("reviewer.fire", true)]
    [InlineData("Zhang_Wei-2", true)]
    [InlineData("a", false)]
    [InlineData(".admin", false)]
    [InlineData("admin name", false)]
    [InlineData("admin\u0000", false)]
    [InlineData("张伟", false)]
    public void UserNameProblem_AllowsLettersDigitsDotsUnderscoresAndDashes(string name, bool ok) =>
        (UserAccount.UserNameProblem(name) is null).Should().Be(ok);

    [Theory]
    [InlineData("张伟 Zhang Wei", true)]
    [InlineData("  ", false)]
    [InlineData("Evil\u202Ename", false)]
    [InlineData("Line\nbreak", false)]
    public void DisplayNameProblem_RefusesControlAndBidiCharacters(string name, bool ok) =>
        (UserAccount.DisplayNameProblem(name) is null).Should().Be(ok);
}
