using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Supervision;

/// <summary>
/// Each ladder setting on the food business licence (accepted Fri 2025-09-26; promised 5 WD → 10-10; statutory 20 WD →
/// 10-30) and the 2025 calendar (Sun 09-28 and Sat 10-11 are make-up working days, 10-01..10-08 rest): issue 4.
/// </summary>
public class LadderSettingsTests
{
    private static readonly CentreDay Day = new(CentreTimeZone.Default);
    private static readonly Instant Now = Instant.FromUtc(2025, 9, 26, 1, 0);

    [Fact]
    public void ItemWithoutOverrides_KeepsTheFoodLicenceDefaults()
    {
        var effective = new ItemSupervision().Over(LadderSettings.Default);

        effective.Should().Be(new LadderSettings(PromptLeadWorkingDays: 1, PromptAtHalfBudget: false, SupervisedHandlingWorkingDays: 2, StepPrompts: true));
        Plan(FoodLicence(), effective).Should().Equal(
            (SignalRules.CasePrompt, SignalLevel.Prompt, "2025-10-10T00:00:00+08"),
            (SignalRules.CaseYellow, SignalLevel.Yellow, "2025-10-11T00:00:00+08"),
            (SignalRules.CaseRed, SignalLevel.Red, "2025-10-14T00:00:00+08"));
    }

    [Fact]
    public void ItemSupervision_OverridesOnlyWhatItSets()
    {
        var centre = new LadderSettings(PromptLeadWorkingDays: 2, PromptAtHalfBudget: true, SupervisedHandlingWorkingDays: 4, StepPrompts: false);

        new ItemSupervision(SupervisedHandlingWorkingDays: 3).Over(centre).Should().Be(centre with { SupervisedHandlingWorkingDays = 3 });
        new ItemSupervision(1, false, 2, true).Over(centre).Should().Be(LadderSettings.Default);
        new ItemSupervision().SetsNothing().Should().BeTrue();
        new ItemSupervision(StepPrompts: true).SetsNothing().Should().BeFalse();
    }

    [Theory]
    [InlineData(2, "2025-10-09T00:00:00+08", "2 working days left")]  // 10-09 is the working day before 10-10
    [InlineData(3, "2025-09-30T00:00:00+08", "3 working days left")]  // then back over the National Day holiday
    [InlineData(10, "2025-09-28T00:00:00+08", "5 working days left")] // longer than the budget: the first counted working day (Sun 09-28, make-up)
    public void PromptLead_MovesThePromptToTheStartOfAnEarlierWorkingDay(int lead, string expected, string basis)
    {
        var signals = CardLadder.Plan(FoodLicence(), WorkingDayCalendar.Shipped, Day, LadderSettings.Default with { PromptLeadWorkingDays = lead });

        var prompt = signals.Single(s => s.Rule == SignalRules.CasePrompt);
        At(prompt.DueAt).Should().Be(expected);
        prompt.Basis.Should().Be($"Promised due 2025-10-10: {basis}.");
        signals.Where(s => s.Rule != SignalRules.CasePrompt).Select(s => At(s.DueAt)).Should().Equal("2025-10-11T00:00:00+08", "2025-10-14T00:00:00+08");
    }

    [Fact]
    public void PromptLead_AppliesToStepClocks()
    {
        var step = StepClock(5);

        Plan(step, LadderSettings.Default with { PromptLeadWorkingDays = 2 }).Should().Equal(
            (SignalRules.StepPrompt, SignalLevel.Prompt, "2025-10-09T00:00:00+08"),
            (SignalRules.StepYellow, SignalLevel.Yellow, "2025-10-11T00:00:00+08"));
    }

    [Fact]
    public void HalfBudgetPrompt_OddBudget_FiresAtTheEndOfTheDayTheRoundedUpHalfIsCounted()
    {
        // 5 WD: ⌈5 ÷ 2⌉ = 3 counted by the end of Tue 09-30 (09-28, 09-29, 09-30).
        var signals = CardLadder.Plan(FoodLicence(), WorkingDayCalendar.Shipped, Day, LadderSettings.Default with { PromptAtHalfBudget = true });

        signals.Select(s => (s.Rule, s.Level, At(s.DueAt))).Should().Equal(
            (SignalRules.CaseHalf, SignalLevel.Prompt, "2025-10-01T00:00:00+08"),
            (SignalRules.CasePrompt, SignalLevel.Prompt, "2025-10-10T00:00:00+08"),
            (SignalRules.CaseYellow, SignalLevel.Yellow, "2025-10-11T00:00:00+08"),
            (SignalRules.CaseRed, SignalLevel.Red, "2025-10-14T00:00:00+08"));
        signals[0].Basis.Should().Be("Half the promised limit is used: 3 of 5 working days counted by the end of 2025-09-30 (promised due 2025-10-10).");
    }

    [Fact]
    public void HalfBudgetPrompt_EvenBudget_FiresWhenExactlyHalfIsCounted()
    {
        // 4 WD: 2 counted by the end of Mon 09-29.
        var clock = CaseClock(TimeLimit.WorkingDays(4), TimeLimit.WorkingDays(20));

        Plan(clock, LadderSettings.Default with { PromptAtHalfBudget = true }).Take(2).Should().Equal(
            (SignalRules.CaseHalf, SignalLevel.Prompt, "2025-09-30T00:00:00+08"),
            (SignalRules.CasePrompt, SignalLevel.Prompt, "2025-10-09T00:00:00+08"));
    }

    [Theory]
    [InlineData(1)] // no day boundary before the end of the limit
    [InlineData(2)] // the half (end of 09-28) is the prompt's instant (start of 09-29)
    [InlineData(3)] // the half (end of 09-29) is the prompt's instant (start of 09-30)
    public void HalfBudgetPrompt_IsLeftOut_WhenItWouldNotComeBeforeThePrompt(int promisedWorkingDays)
    {
        var clock = CaseClock(TimeLimit.WorkingDays(promisedWorkingDays), TimeLimit.WorkingDays(20));

        CardLadder.Plan(clock, WorkingDayCalendar.Shipped, Day, LadderSettings.Default with { PromptAtHalfBudget = true })
            .Should().NotContain(s => s.Rule == SignalRules.CaseHalf);
    }

    [Fact]
    public void HalfBudgetPrompt_IsLeftOut_WhenALongPromptLeadComesFirst()
    {
        // Lead 3 prompts at the start of 09-30, before the half (end of 09-30).
        CardLadder.Plan(FoodLicence(), WorkingDayCalendar.Shipped, Day, LadderSettings.Default with { PromptAtHalfBudget = true, PromptLeadWorkingDays = 3 })
            .Select(s => s.Rule).Should().Equal(SignalRules.CasePrompt, SignalRules.CaseYellow, SignalRules.CaseRed);
    }

    [Fact]
    public void HalfBudgetPrompt_CalendarDays_CountsCalendarDays_AndIsNotMovedOffARestDay()
    {
        // Accepted Thu 09-25, promised 4 calendar days → Mon 09-29. Half: 2 days counted by the end of Sat 09-27 (a rest
        // day: only a period's last day moves to the next working day, so not to Sun 09-28).
        var clock = new Clock(ClockId.New(), CaseId.New(), null, ClockKind.Case, D("2025-09-25"), TimeLimit.CalendarDays(4), TimeLimit.CalendarDays(30), null, Now);

        Plan(clock, LadderSettings.Default with { PromptAtHalfBudget = true }).Take(3).Should().Equal(
            (SignalRules.CaseHalf, SignalLevel.Prompt, "2025-09-28T00:00:00+08"),
            (SignalRules.CasePrompt, SignalLevel.Prompt, "2025-09-29T00:00:00+08"),
            (SignalRules.CaseYellow, SignalLevel.Yellow, "2025-09-30T00:00:00+08"));
    }

    [Fact]
    public void HalfBudgetPrompt_IsNeverPlannedForSteps()
    {
        Plan(StepClock(5), LadderSettings.Default with { PromptAtHalfBudget = true }).Select(s => s.Rule)
            .Should().Equal(SignalRules.StepPrompt, SignalRules.StepYellow);
    }

    [Fact]
    public void SupervisedHandlingWorkingDays_MovesTheRed()
    {
        // 10-10 + 3 WD: Sat 10-11 (make-up), Mon 10-13, Tue 10-14.
        var red = CardLadder.Plan(FoodLicence(), WorkingDayCalendar.Shipped, Day, LadderSettings.Default with { SupervisedHandlingWorkingDays = 3 })
            .Single(s => s.Rule == SignalRules.CaseRed);

        At(red.DueAt).Should().Be("2025-10-15T00:00:00+08");
        red.Basis.Should().Be("Red card: still open at the supervised-handling deadline 2025-10-14.");
    }

    [Fact]
    public void SupervisedHandlingWorkingDays_BeyondTheStatutoryLimit_RedAtTheStatutoryLimit()
    {
        var red = CardLadder.Plan(FoodLicence(), WorkingDayCalendar.Shipped, Day, LadderSettings.Default with { SupervisedHandlingWorkingDays = 20 })
            .Single(s => s.Rule == SignalRules.CaseRed);

        At(red.DueAt).Should().Be("2025-10-31T00:00:00+08");
        red.Basis.Should().Be("Red card: statutory limit 2025-10-30 exceeded.");
    }

    [Fact]
    public void StepPromptsOff_LeavesOnlyTheStepYellow_AndTheCaseLadderAlone()
    {
        var settings = LadderSettings.Default with { StepPrompts = false };

        Plan(StepClock(5), settings).Should().Equal((SignalRules.StepYellow, SignalLevel.Yellow, "2025-10-11T00:00:00+08"));
        Plan(FoodLicence(), settings).Select(s => s.Rule).Should().Equal(SignalRules.CasePrompt, SignalRules.CaseYellow, SignalRules.CaseRed);
    }

    [Theory]
    [InlineData(0, 2, "supervision.promptLeadWorkingDays")]
    [InlineData(-1, 2, "supervision.promptLeadWorkingDays")]
    [InlineData(31, 2, "supervision.promptLeadWorkingDays")]
    [InlineData(1, 0, "supervision.supervisedHandlingWorkingDays")]
    [InlineData(1, 1000, "supervision.supervisedHandlingWorkingDays")]
    public void ItemSupervision_RefusesAbsurdValues_NamingTheField(int lead, int supervised, string field)
    {
        var item = FoodLicenceItem() with { Supervision = new ItemSupervision(lead, true, supervised, false) };

        item.Problems().Select(p => p.Field).Should().Equal(field);
    }

    [Fact]
    public void ItemSupervision_AtTheLimits_IsValid()
    {
        (FoodLicenceItem() with { Supervision = new ItemSupervision(1, true, 30, false) }).Problems().Should().BeEmpty();
        (FoodLicenceItem() with { Supervision = new ItemSupervision(30, null, 1, null) }).Problems().Should().BeEmpty();
        (FoodLicenceItem() with { Supervision = new ItemSupervision() }).Problems().Should().BeEmpty();
        new LadderSettings(0, false, 31, true).Problems().Select(p => p.Field).Should().Equal("promptLeadWorkingDays", "supervisedHandlingWorkingDays");
    }

    private static List<(string Rule, SignalLevel Level, string At)> Plan(Clock clock, LadderSettings settings) =>
        CardLadder.Plan(clock, WorkingDayCalendar.Shipped, Day, settings).Select(s => (s.Rule, s.Level, At(s.DueAt))).ToList();

    private static Clock FoodLicence() => CaseClock(TimeLimit.WorkingDays(5), TimeLimit.WorkingDays(20));

    private static Clock CaseClock(TimeLimit promised, TimeLimit statutory) =>
        new(ClockId.New(), CaseId.New(), null, ClockKind.Case, D("2025-09-26"), promised, statutory, TimeLimit.WorkingDays(10), Now);

    private static Clock StepClock(int workingDays) =>
        new(ClockId.New(), CaseId.New(), TaskId.New(), ClockKind.Step, D("2025-09-26"), TimeLimit.WorkingDays(workingDays), null, null, Now);

    private static ServiceItemData FoodLicenceItem() => new(
        "Food business licence", ServiceItemType.AdministrativeLicence, "market", [], HandlingKind.Promised, TimeLimit.WorkingDays(20),
        TimeLimit.WorkingDays(10), TimeLimit.WorkingDays(5), false, [], RefusalPolicy.AllRequired, ResultType.Certificate, [DeliveryMethod.Pickup],
        "food-business-licence");

    private static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    private static string At(Instant instant) => NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Format(instant.InZone(CentreTimeZone.Default.Zone).ToOffsetDateTime());
}
