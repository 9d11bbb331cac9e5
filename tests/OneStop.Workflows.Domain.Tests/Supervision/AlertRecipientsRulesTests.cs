using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Domain.Tests.Supervision;

/// <summary>The recipient rules of <see cref="AlertRecipients"/> (no database).</summary>
public sealed class AlertRecipientsRulesTests
{
    private static readonly AlertStaff[] Staff =
    [
        new("clerk.market", Role.WindowClerk, "market"),
        new("reviewer.market", Role.Reviewer, "market"),
        new("reviewer2.market", Role.Reviewer, "market"),
        new("head.market", Role.DepartmentHead, "market"),
        new("reviewer.fire", Role.Reviewer, "fire"),
        new("head.fire", Role.DepartmentHead, "fire"),
        new("supervisor", Role.Supervisor, null),
        new("supervisor2", Role.Supervisor, null),
        new("admin", Role.Administrator, null),
    ];

    public static TheoryData<SignalLevel, ClockKind, string?, string?, string[]> Rules => new()
    {
        { SignalLevel.Prompt, ClockKind.Step, "market", "reviewer2.market", ["reviewer2.market"] },
        { SignalLevel.Prompt, ClockKind.Step, "market", null, ["reviewer.market", "reviewer2.market"] },
        { SignalLevel.Prompt, ClockKind.Step, "market", "gone.user", ["reviewer.market", "reviewer2.market"] },
        { SignalLevel.Prompt, ClockKind.Case, "market", null, ["clerk.market"] },
        { SignalLevel.Yellow, ClockKind.Step, "fire", "reviewer.fire", ["head.fire", "reviewer.fire", "supervisor", "supervisor2"] },
        { SignalLevel.Yellow, ClockKind.Step, "fire", null, ["head.fire", "supervisor", "supervisor2"] },
        { SignalLevel.Yellow, ClockKind.Case, "market", null, ["head.market", "supervisor", "supervisor2"] },
        { SignalLevel.Red, ClockKind.Step, "market", "reviewer.market", ["head.market", "supervisor", "supervisor2"] },
        { SignalLevel.Red, ClockKind.Case, "market", null, ["head.market", "supervisor", "supervisor2"] },
        { SignalLevel.Prompt, ClockKind.Case, "fire", null, ["head.fire"] },            // no window clerk in fire: its head is told
        { SignalLevel.Prompt, ClockKind.Step, "water", null, ["supervisor", "supervisor2"] }, // nobody in the department at all
        { SignalLevel.Action, ClockKind.Case, "market", null, [] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Recipients_FollowTheLadderRules(SignalLevel level, ClockKind kind, string? department, string? assignee, string[] expected) =>
        AlertRecipients.For(level, kind, department, assignee, Staff).Should().Equal(expected);
}
