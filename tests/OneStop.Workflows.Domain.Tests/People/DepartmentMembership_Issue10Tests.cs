using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Supervision;

namespace OneStop.Workflows.Domain.Tests.People;

/// <summary>Issue 10 (ADR 0011): a user's further departments — the account's rules and the alert rules that count members.</summary>
public sealed class DepartmentMembership_Issue10Tests
{
    private static UserAccount Reviewer(params string[] further) =>
        new UserAccount("reviewer.bureau", "审批局 Bureau", Role.Reviewer, "drc", "hash").WithFurtherDepartments(further);

    [Fact]
    public void Departments_AreTheHomeFirst_ThenTheFurtherOnes()
    {
        var user = Reviewer("resources", "ecology");

        user.Departments.Should().Equal("drc", "ecology", "resources");
        user.FurtherDepartments.Should().Equal("ecology", "resources");
    }

    [Theory]
    [InlineData(Role.Reviewer, "drc", new[] { "drc" }, "home department")]
    [InlineData(Role.Reviewer, "drc", new[] { "fire", "fire" }, "twice")]
    [InlineData(Role.Supervisor, null, new[] { "fire" }, "no department")]
    [InlineData(Role.Reviewer, "drc", new[] { "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b1", "b2" }, "At most 10")]
    public void FurtherDepartments_ThatDoNotFit_AreRefused_WithTheReason(Role role, string? home, string[] further, string reason)
    {
        UserAccount.FurtherDepartmentsProblem(role, home, further).Should().Contain(reason);
        UserAccount.FurtherDepartmentsProblem(role, home, []).Should().BeNull();
    }

    [Fact]
    public void AChangeOfFurtherDepartments_ReStampsTheAccount_AndTheSameOnesAreRefusedAsUnchanged()
    {
        var user = Reviewer("resources");
        var stamp = user.SecurityStamp;

        user.ChangeRole(Role.Reviewer, "drc", ["resources", "ecology"]).Should().BeNull();
        var changed = user.SecurityStamp;
        var unchanged = user.ChangeRole(Role.Reviewer, "drc", ["ecology", "resources"]);
        user.ChangeRole(Role.Reviewer, "ecology").Should().BeNull("a role change without further departments keeps them");

        changed.Should().NotBe(stamp);
        unchanged.Should().Contain("already");
        user.Departments.Should().Equal(["ecology", "resources"], "the new home is no longer a further department");
        user.ChangeRole(Role.Supervisor, null).Should().BeNull();
        user.Departments.Should().BeEmpty("a role without a department has no further departments either");
    }

    [Fact]
    public void AlertsOfADepartment_ReachItsMembers_HomeOrFurther()
    {
        AlertStaff[] staff =
        [
            new("reviewer.fire", Role.Reviewer, "fire"),
            new("reviewer.bureau", Role.Reviewer, "market", ["fire", "urban"]),
            new("head.bureau", Role.DepartmentHead, "market", ["fire"]),
            new("reviewer.water", Role.Reviewer, "water"),
            new("supervisor", Role.Supervisor, null),
        ];

        AlertRecipients.For(SignalLevel.Prompt, ClockKind.Step, "fire", null, staff).Should().Equal("reviewer.bureau", "reviewer.fire");
        AlertRecipients.For(SignalLevel.Prompt, ClockKind.Step, "urban", null, staff).Should().Equal("reviewer.bureau");
        AlertRecipients.For(SignalLevel.Red, ClockKind.Step, "fire", null, staff).Should().Equal("head.bureau", "supervisor");
        AlertRecipients.For(SignalLevel.Prompt, ClockKind.Step, "water", null, staff).Should().Equal("reviewer.water");
    }
}
