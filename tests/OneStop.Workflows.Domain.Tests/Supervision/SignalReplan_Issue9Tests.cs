using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Supervision;

/// <summary>Re-planning writes only the signals that change (issue 9): <see cref="SignalReplan.Diff"/>.</summary>
public class SignalReplan_Issue9Tests
{
    private static readonly CentreDay Day = new(CentreTimeZone.Default);
    private static readonly Instant Opened = Instant.FromUtc(2025, 9, 26, 1, 0);

    [Fact]
    public void SamePlan_WritesNothing()
    {
        var clock = FoodLicenceClock();
        var stored = Store(Plan(clock, LadderSettings.Default));

        var changes = SignalReplan.Diff(Plan(clock, LadderSettings.Default), stored, Opened);

        changes.IsEmpty.Should().BeTrue();
        changes.Should().BeSameAs(SignalChanges.None);
    }

    [Fact]
    public void LongerPromptLead_UpdatesOnlyThePrompt()
    {
        var clock = FoodLicenceClock();
        var stored = Store(Plan(clock, LadderSettings.Default));
        var prompt = stored.Single(s => s.Rule == SignalRules.CasePrompt);

        var changes = SignalReplan.Diff(Plan(clock, LadderSettings.Default with { PromptLeadWorkingDays = 3 }), stored, Opened);

        changes.Inserts.Should().BeEmpty();
        changes.Deletes.Should().BeEmpty();
        changes.Updates.Should().ContainSingle().Which.Id.Should().Be(prompt.Id);
        changes.Updates[0].Plan.DueAt.Should().BeLessThan(prompt.DueAt, "a lead of three working days prompts two working days earlier");
    }

    [Fact]
    public void HalfBudgetSwitchedOn_InsertsOnlyTheHalfPrompt()
    {
        var clock = FoodLicenceClock();
        var stored = Store(Plan(clock, LadderSettings.Default));

        var changes = SignalReplan.Diff(Plan(clock, LadderSettings.Default with { PromptAtHalfBudget = true }), stored, Opened);

        changes.Updates.Should().BeEmpty();
        changes.Deletes.Should().BeEmpty();
        changes.Inserts.Select(p => (p.Rule, p.Level)).Should().Equal((SignalRules.CaseHalf, SignalLevel.Prompt));
    }

    [Fact]
    public void StoppedClock_DeletesThePendingSignals_AndKeepsTheFiredOnes()
    {
        var clock = FoodLicenceClock();
        var planned = Plan(clock, LadderSettings.Default);
        var firedAt = planned[0].DueAt;
        var stored = Store(planned, fired: SignalRules.CasePrompt, firedAt: firedAt);
        clock.Stop(firedAt.Plus(Duration.FromHours(1)), null);

        var changes = SignalReplan.Diff(Plan(clock, LadderSettings.Default), stored, firedAt.Plus(Duration.FromHours(1)));

        changes.Inserts.Should().BeEmpty();
        changes.Updates.Should().BeEmpty();
        changes.Deletes.Should().BeEquivalentTo(stored.Where(s => s.Rule != SignalRules.CasePrompt).Select(s => s.Id));
    }

    [Fact]
    public void SignalsAlreadyDueOrFired_AreNeitherTouchedNorPlannedAgain()
    {
        var due = Instant.FromUtc(2025, 10, 1, 0, 0);
        var stored = new List<StoredSignal>
        {
            new(SignalId.New(), SignalRules.CasePrompt, SignalLevel.Prompt, due, "was due", null),
            new(SignalId.New(), SignalRules.CaseYellow, SignalLevel.Yellow, due, "fired", due),
        };
        PlannedSignal[] planned =
        [
            new(SignalRules.CasePrompt, SignalLevel.Prompt, due.Plus(Duration.FromDays(3)), "moved"),
            new(SignalRules.CaseYellow, SignalLevel.Yellow, due.Plus(Duration.FromDays(4)), "moved"),
        ];

        SignalReplan.Diff(planned, stored, due.Plus(Duration.FromMinutes(1))).IsEmpty.Should().BeTrue(
            "the subject was late before it changed: the next sweep raises the due prompt, the yellow card has fired");
    }

    [Fact]
    public void BasisOnly_IsAnUpdate_AndAnAccumulationRed_IsNeverWithdrawn()
    {
        var now = Instant.FromUtc(2025, 10, 1, 0, 0);
        var later = now.Plus(Duration.FromDays(2));
        var yellow = new StoredSignal(SignalId.New(), SignalRules.CaseYellow, SignalLevel.Yellow, later, "Promise exceeded at the end of 2025-10-02.", null);
        var accumulation = new StoredSignal(SignalId.New(), SignalRules.YellowAccumulation, SignalLevel.Red, later, "yellow card no. 3", null);

        var changes = SignalReplan.Diff([new(SignalRules.CaseYellow, SignalLevel.Yellow, later, "Promise exceeded at the end of 2025-10-03.")], [yellow, accumulation], now);

        changes.Updates.Should().ContainSingle().Which.Should().Be((yellow.Id, new PlannedSignal(SignalRules.CaseYellow, SignalLevel.Yellow, later, "Promise exceeded at the end of 2025-10-03.")));
        changes.Deletes.Should().BeEmpty();
        changes.Inserts.Should().BeEmpty();
    }

    [Fact]
    public void SameRuleOtherLevel_IsAnotherSignal()
    {
        var now = Instant.FromUtc(2025, 10, 1, 0, 0);
        var later = now.Plus(Duration.FromDays(2));
        var stored = new StoredSignal(SignalId.New(), SignalRules.CaseRed, SignalLevel.Yellow, later, "x", null);

        var changes = SignalReplan.Diff([new(SignalRules.CaseRed, SignalLevel.Red, later, "x")], [stored], now);

        changes.Inserts.Select(p => p.Level).Should().Equal(SignalLevel.Red);
        changes.Deletes.Should().Equal(stored.Id);
    }

    private static IReadOnlyList<PlannedSignal> Plan(Clock clock, LadderSettings settings) => CardLadder.Plan(clock, WorkingDayCalendar.Shipped, Day, settings);

    private static List<StoredSignal> Store(IEnumerable<PlannedSignal> planned, string? fired = null, Instant? firedAt = null) =>
        planned.Select(p => new StoredSignal(SignalId.New(), p.Rule, p.Level, p.DueAt, p.Basis, p.Rule == fired ? firedAt : null)).ToList();

    private static Clock FoodLicenceClock() =>
        new(ClockId.New(), CaseId.New(), null, ClockKind.Case, new LocalDate(2025, 9, 26), TimeLimit.WorkingDays(5), TimeLimit.WorkingDays(20), TimeLimit.WorkingDays(10), Opened);
}
