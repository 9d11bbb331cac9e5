using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Supervision;

/// <summary>The card ladder and the clock operations on the food business licence example (domain-rules §2–§3).</summary>
public class CardLadderTests
{
    private static readonly CentreDay Day = new(CentreTimeZone.Default);
    private static readonly Instant Now = Instant.FromUtc(2025, 9, 26, 1, 0);

    [Fact]
    public void FoodLicence_RaisesPromptYellowRed_AtTheDocumentedInstants()
    {
        var signals = CardLadder.Plan(FoodLicenceClock(), WorkingDayCalendar.Shipped, Day, LadderSettings.Default);

        signals.Select(s => (s.Rule, s.Level, At(s.DueAt))).Should().Equal(
            (SignalRules.CasePrompt, SignalLevel.Prompt, "2025-10-10T00:00:00+08"),
            (SignalRules.CaseYellow, SignalLevel.Yellow, "2025-10-11T00:00:00+08"),
            (SignalRules.CaseRed, SignalLevel.Red, "2025-10-14T00:00:00+08"));
        signals[2].Basis.Should().Contain("supervised-handling deadline 2025-10-13");
    }

    [Fact]
    public void Suspension_MovesTheStatutoryDue_AndNothingIsPlannedWhileSuspended()
    {
        var clock = FoodLicenceClock();
        clock.Suspend(Guid.NewGuid(), SuspensionType.ExpertReview, null, D("2025-10-13"), 5, "Expert review notice", "head.market", Now).Should().BeNull();

        CardLadder.Plan(clock, WorkingDayCalendar.Shipped, Day, LadderSettings.Default).Should().BeEmpty();
        clock.Deadlines(WorkingDayCalendar.Shipped).PromisedDue.Should().BeNull();
        clock.EndSuspension(clock.Suspensions[0].Id, D("2025-10-17"), "head.market", Now).Should().BeNull();

        clock.Deadlines(WorkingDayCalendar.Shipped).StatutoryDue.Should().Be(D("2025-11-06"));
    }

    [Fact]
    public void Extension_MovesTheStatutoryDueBy10WorkingDays_Once_AndNeverAfterExpiry()
    {
        var clock = FoodLicenceClock();
        var statutoryEnd = Day.EndOf(clock.Deadlines(WorkingDayCalendar.Shipped).StatutoryDue!.Value);

        clock.Extend(10, "head.market", "Complex site", Now, statutoryEnd).Should().BeNull();

        clock.Deadlines(WorkingDayCalendar.Shipped).StatutoryDue.Should().Be(WorkingDayCalendar.Shipped.Due(D("2025-09-26"), 30, TimeUnit.WorkingDays).Due);
        clock.Extend(5, "head.market", "Again", Now, statutoryEnd)!.Code.Should().Be("extension.already-granted");
        FoodLicenceClock().Extend(10, "head.market", "Late", statutoryEnd, statutoryEnd)!.Code.Should().Be("extension.after-expiry");
    }

    [Fact]
    public void StoppedClock_PlansNothing()
    {
        var clock = FoodLicenceClock();
        clock.Stop(Now, null);

        CardLadder.Plan(clock, WorkingDayCalendar.Shipped, Day, LadderSettings.Default).Should().BeEmpty();
    }

    [Fact]
    public void StepClock_RaisesPromptAndYellow_ButNoRed()
    {
        var step = new Clock(ClockId.New(), CaseId.New(), TaskId.New(), ClockKind.Step, D("2025-09-26"), TimeLimit.WorkingDays(5), null, null, Now);

        CardLadder.Plan(step, WorkingDayCalendar.Shipped, Day, LadderSettings.Default).Select(s => (s.Level, At(s.DueAt))).Should().Equal(
            (SignalLevel.Prompt, "2025-10-10T00:00:00+08"),
            (SignalLevel.Yellow, "2025-10-11T00:00:00+08"));
    }

    private static Clock FoodLicenceClock() =>
        new(ClockId.New(), CaseId.New(), null, ClockKind.Case, D("2025-09-26"), TimeLimit.WorkingDays(5), TimeLimit.WorkingDays(20), TimeLimit.WorkingDays(10), Now);

    private static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    private static string At(Instant instant) => NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Format(instant.InZone(CentreTimeZone.Default.Zone).ToOffsetDateTime());
}
