using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Supervision;

/// <summary>The supervision rules that moved out of Persistence and Server in issue 9: deemed actions, ladder defaults, accumulation reds.</summary>
public class SupervisionRules_Issue9Tests
{
    private static readonly CentreDay Day = new(CentreTimeZone.Default);

    [Fact]
    public void DeemedAcceptance_FallsDueAtTheEndOfTheFifthWorkingDayAfterReceipt()
    {
        // Received Friday 2025-09-26; with the National Day holiday the 5th working day is 10-10 (as the food licence's promised due day).
        var due = DeemedActionRules.DueAt(WorkingDayCalendar.Shipped, Day, new LocalDate(2025, 9, 26), DeemedActionRules.AcceptanceWorkingDays);

        due.Should().Be(Instant.FromUtc(2025, 10, 10, 16, 0), "the end of 2025-10-10 is midnight in the centre's zone (UTC+8)");
    }

    [Fact]
    public void DeemedActions_DecideAsTheSystem_OncePerSignal()
    {
        var signal = new SignalId(Guid.Parse("0b4d8c0e-1f2a-4b3c-9d8e-7f6a5b4c3d2e"));

        var acceptance = DeemedActionRules.DecisionInput(SignalRules.DeemedAcceptance, "basis A");
        var consent = DeemedActionRules.DecisionInput(SignalRules.DeemedConsent, "basis C");

        acceptance[DecisionInput.Outcome]!.GetValue<string>().Should().Be(Outcomes.Accepted);
        consent[DecisionInput.Outcome]!.GetValue<string>().Should().Be(Outcomes.Approved);
        consent[DecisionInput.Opinion]!.GetValue<string>().Should().Be("basis C");
        consent[DecisionInput.Actor]!.GetValue<string>().Should().Be(SystemActor.Name);
        consent["deemed"]!.GetValue<bool>().Should().BeTrue();
        DeemedActionRules.IdempotencyKey(signal).Should().Be("signal:0b4d8c0e1f2a4b3c9d8e7f6a5b4c3d2e");
        DeemedActionRules.SubjectKind(SignalRules.DeemedConsent).Should().Be(ClockKind.Step);
        DeemedActionRules.SubjectKind(SignalRules.DeemedAcceptance).Should().Be(ClockKind.Case);
        DeemedActionRules.Basis(SignalRules.DeemedConsent, 3).Should().Be("No opinion within 3 working days counts as consent.");
        FluentActions.Invoking(() => DeemedActionRules.Outcome(SignalRules.CaseRed)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void LadderDefaults_AreAChange_WhenNoneWereRecordedOrTheyDiffer()
    {
        var recorded = LadderDefaultsChange.Record(LadderSettings.Default);

        LadderDefaultsChange.IsChange(null, recorded).Should().BeTrue();
        LadderDefaultsChange.IsChange(recorded, LadderDefaultsChange.Record(new LadderSettings())).Should().BeFalse();
        LadderDefaultsChange.IsChange(recorded, LadderDefaultsChange.Record(LadderSettings.Default with { StepPrompts = false })).Should().BeTrue();
        LadderDefaultsChange.AuditText(null, 4).Should().Contain("recorded at start-up; 4 running clock(s) planned");
        LadderDefaultsChange.AuditText(recorded, 2).Should().Contain($"were {recorded}").And.Contain("2 running clock(s) re-planned");
    }

    [Fact]
    public void RedCards_OnePerSubject_NoneForASubjectAlreadyCarryingOne()
    {
        var rule = new YellowAccumulationRule(2, 7);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), e = Guid.NewGuid();
        var firedOn = new LocalDate(2025, 10, 9);
        var raising = rule.Raising(
            [(a, "market"), (b, "market"), (a, "market"), (b, "market"), (c, "fire"), (e, "fire"), (e, "fire"), (c, "fire")],
            new Dictionary<string, int> { ["market"] = 1 });

        var reds = rule.RedCards(raising, s => s, new HashSet<Guid> { e }, firedOn);

        raising.Select(r => (r.Yellow, r.Count)).Should().Equal((a, 2), (a, 4), (e, 2), (c, 4));
        reds.Select(r => r.Yellow).Should().Equal(a, c);
        reds.Select(r => r.Basis).Should().Equal(rule.Basis("market", 2, firedOn), rule.Basis("fire", 4, firedOn));
    }

    [Fact]
    public void RaisedCard_IsAuditedBySystem_WithRuleLevelAndDue()
    {
        Guid caseId = Guid.NewGuid(), subject = Guid.NewGuid();
        var firedAt = Instant.FromUtc(2025, 10, 14, 16, 0);

        var audit = SignalAudit.Raised(firedAt, caseId, subject, SignalRules.CaseRed, SignalLevel.Red, firedAt, "Red card: statutory limit exceeded.");

        audit.Actor.Should().Be(SystemActor.Name);
        audit.Action.Should().Be(AuditActions.Raised(SignalLevel.Red));
        audit.CaseId.Should().Be(caseId);
        audit.Subject.Should().Be(subject.ToString());
        audit.Details.Should().Be("""{"Rule":"case.red","level":"Red","dueAt":"2025-10-14T16:00:00Z"}""");
        audit.Reason.Should().Be("Red card: statutory limit exceeded.");
        FluentActions.Invoking(() => SignalAudit.Raised(firedAt, caseId, subject, SignalRules.DeemedConsent, SignalLevel.Action, firedAt, "x"))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
