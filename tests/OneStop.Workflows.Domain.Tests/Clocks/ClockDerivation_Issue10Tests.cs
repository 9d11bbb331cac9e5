using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Clocks;

/// <summary>The clock derivation ("why this due date", issue 10): the worked examples of domain-rules §2, and the same due days as <see cref="Clock.Deadlines"/>.</summary>
public class ClockDerivation_Issue10Tests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped;
    private static readonly Instant Now = Instant.FromUtc(2025, 9, 26, 1, 0);

    [Fact]
    public void WorkedExample_5WorkingDays_CountsTheMakeUpSunday_AndSkipsNationalDay()
    {
        var d = ClockDerivation.Of(CaseClock("2025-09-26", TimeLimit.WorkingDays(5), null), Calendar);

        d.StartRule.Should().Be(ClockStartRule.AcceptanceDate);
        d.Promised!.Due.Should().Be(D("2025-10-10"));
        d.Promised.Walk.Select(w => (Iso(w.Date), w.Kind, w.Count)).Should().Equal(
            ("2025-09-27", DerivedDayKind.Weekend, null),
            ("2025-09-28", DerivedDayKind.MakeUpWorkingDay, 1),
            ("2025-09-29", DerivedDayKind.Working, 2),
            ("2025-09-30", DerivedDayKind.Working, 3),
            ("2025-10-01", DerivedDayKind.Holiday, null), ("2025-10-02", DerivedDayKind.Holiday, null), ("2025-10-03", DerivedDayKind.Holiday, null),
            ("2025-10-04", DerivedDayKind.Holiday, null), ("2025-10-05", DerivedDayKind.Holiday, null), ("2025-10-06", DerivedDayKind.Holiday, null),
            ("2025-10-07", DerivedDayKind.Holiday, null), ("2025-10-08", DerivedDayKind.Holiday, null),
            ("2025-10-09", DerivedDayKind.Working, 4),
            ("2025-10-10", DerivedDayKind.Working, 5));
        (d.Promised.CountedDays, d.Promised.SkippedRestDays, d.Promised.SuspendedDays).Should().Be((5, 9, 0));
    }

    [Fact]
    public void WorkedExample_20WorkingDays_CountsSaturday1011()
    {
        var d = ClockDerivation.Of(CaseClock("2025-09-26", null, TimeLimit.WorkingDays(20)), Calendar);

        d.Statutory!.Due.Should().Be(D("2025-10-30"));
        d.Statutory.Walk.Single(w => w.Date == D("2025-10-11")).Kind.Should().Be(DerivedDayKind.MakeUpWorkingDay);
        d.Statutory.Walk[^1].Should().Be(new DerivedDay(D("2025-10-30"), DerivedDayKind.Working, 20, null, null, false));
    }

    [Fact]
    public void WorkedExample_ExpertReviewSuspension_Uses6WorkingDaysBefore_And14After()
    {
        var clock = CaseClock("2025-09-26", null, TimeLimit.WorkingDays(20));
        clock.Suspend(Guid.NewGuid(), SuspensionType.ExpertReview, null, D("2025-10-13"), 5, "Expert review notice", "head.market", Now).Should().BeNull();
        clock.EndSuspension(clock.Suspensions[0].Id, D("2025-10-17"), "head.market", Now).Should().BeNull();

        var s = ClockDerivation.Of(clock, Calendar).Statutory!;

        s.Due.Should().Be(D("2025-11-06"));
        s.Walk.Where(w => w.Kind == DerivedDayKind.Suspended).Select(w => (Iso(w.Date), w.SuspensionId)).Should().Equal(
            Enumerable.Range(13, 5).Select(day => ($"2025-10-{day}", (Guid?)clock.Suspensions[0].Id)));
        s.Walk.Last(w => w.Date < D("2025-10-13") && w.Count is not null).Count.Should().Be(6);
        s.SuspendedDays.Should().Be(5);
    }

    [Fact]
    public void WorkedExample_SpringFestival2026_CountsSaturday0214()
    {
        var p = ClockDerivation.Of(CaseClock("2026-02-12", TimeLimit.WorkingDays(5), null), Calendar).Promised!;

        p.Due.Should().Be(D("2026-02-26"));
        p.Walk.Where(w => w.Count is not null).Select(w => Iso(w.Date)).Should().Equal("2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25", "2026-02-26");
        p.Walk.Count(w => w.Kind == DerivedDayKind.Holiday).Should().Be(9, "02-15..02-23 are the Spring Festival rest days");
    }

    [Fact]
    public void WorkedExample_AcrossTheYear_CountsSunday0104()
    {
        var p = ClockDerivation.Of(CaseClock("2025-12-31", TimeLimit.WorkingDays(3), null), Calendar).Promised!;

        p.Due.Should().Be(D("2026-01-06"));
        p.Walk.Select(w => (Iso(w.Date), w.Kind)).Should().Equal(
            ("2026-01-01", DerivedDayKind.Holiday), ("2026-01-02", DerivedDayKind.Holiday), ("2026-01-03", DerivedDayKind.Holiday),
            ("2026-01-04", DerivedDayKind.MakeUpWorkingDay), ("2026-01-05", DerivedDayKind.Working), ("2026-01-06", DerivedDayKind.Working));
    }

    [Fact]
    public void WorkedExample_JointHandling45_AndItsExtension15()
    {
        var clock = CaseClock("2026-01-30", TimeLimit.WorkingDays(45), TimeLimit.WorkingDays(45), TimeLimit.WorkingDays(15));
        ClockDerivation.Of(clock, Calendar).Statutory!.Due.Should().Be(D("2026-04-10"));

        clock.Extend(15, "head.gov", "Joint handling", Now, null).Should().BeNull();
        var d = ClockDerivation.Of(clock, Calendar);

        (d.Statutory!.BaseValue, d.Statutory.ExtensionDays, d.Statutory.Budget, d.Statutory.Due).Should().Be((45, 15, 60, D("2026-05-06")));
        (d.Promised!.ExtensionDays, d.Promised.Due).Should().Be((0, D("2026-04-10")), "the extension adds to the statutory limit only");
    }

    [Fact]
    public void RegionalHoliday_IsSkipped_WithItsName()
    {
        var guangxi = Calendar.With(new RegionalAdjustments(2026, "450000 广西壮族自治区",
            [new RegionalRestDays(new DateRange(D("2026-04-20"), D("2026-04-21")), "三月三")], [D("2026-04-26")], "广西 notice"));

        var p = ClockDerivation.Of(CaseClock("2026-04-17", TimeLimit.WorkingDays(5), null), guangxi).Promised!;

        p.Walk.Where(w => w.Date.Day is 20 or 21).Select(w => (w.Kind, w.HolidayName)).Should().Equal((DerivedDayKind.Holiday, "三月三"), (DerivedDayKind.Holiday, "三月三"));
        p.Walk.Single(w => w.Date == D("2026-04-26")).Kind.Should().Be(DerivedDayKind.MakeUpWorkingDay);
        p.Due.Should().Be(new Clock(ClockId.New(), CaseId.New(), null, ClockKind.Case, D("2026-04-17"), TimeLimit.WorkingDays(5), null, null, Now).Deadlines(guangxi).PromisedDue);
    }

    [Fact]
    public void CalendarDayLimit_HasNoWalk_AndRollsAnEndOnARestDayForward()
    {
        // 2025-09-26 + 5 calendar days = Wed 10-01, a National Day rest day: the period ends on the next working day, Thu 10-09.
        var clock = CaseClock("2025-09-26", TimeLimit.CalendarDays(5), null);

        var p = ClockDerivation.Of(clock, Calendar).Promised!;

        (p.Unit, p.Walk.Count, p.CountedDays, p.RolledForwardDays, p.Due).Should().Be((TimeUnit.CalendarDays, 0, 5, 8, D("2025-10-09")));
        p.Due.Should().Be(clock.Deadlines(Calendar).PromisedDue);
    }

    [Fact]
    public void OpenSuspension_HasNoDueDay_AsDeadlinesSays()
    {
        var clock = CaseClock("2025-09-26", TimeLimit.WorkingDays(5), TimeLimit.WorkingDays(20));
        clock.Suspend(Guid.NewGuid(), SuspensionType.Hearing, null, D("2025-10-09"), 5, "Hearing notice", "head.market", Now).Should().BeNull();

        var d = ClockDerivation.Of(clock, Calendar);

        (d.Suspended, d.Promised!.Due, d.Statutory!.Due, d.Statutory.Walk.Count).Should().Be((true, (LocalDate?)null, (LocalDate?)null, 0));
        clock.Deadlines(Calendar).StatutoryDue.Should().BeNull();
    }

    [Fact]
    public void StepClock_StartsTheDayTheReviewOpened()
    {
        var step = new Clock(ClockId.New(), CaseId.New(), TaskId.New(), ClockKind.Step, D("2025-09-26"), TimeLimit.WorkingDays(3), null, null, Now);

        var d = ClockDerivation.Of(step, Calendar);

        (d.StartRule, d.Statutory, d.Promised!.Due).Should().Be((ClockStartRule.ReviewOpened, (LimitDerivation?)null, D("2025-09-30")));
    }

    [Fact]
    public void YearWithoutData_IsProvisional_AsDeadlinesSays()
    {
        var start = new LocalDate(Calendar.Years.Max() + 1, 3, 2);
        var clock = CaseClock(Iso(start), TimeLimit.WorkingDays(5), null);

        var d = ClockDerivation.Of(clock, Calendar);

        (d.Provisional, d.Promised!.Walk[^1].Provisional).Should().Be((true, true));
        (d.Promised.Due, d.Provisional).Should().Be((clock.Deadlines(Calendar).PromisedDue, clock.Deadlines(Calendar).Provisional));
    }

    public static TheoryData<TimeUnit, int> Units() => new() { { TimeUnit.WorkingDays, 0 }, { TimeUnit.CalendarDays, 0 }, { TimeUnit.WorkingDays, 1 }, { TimeUnit.CalendarDays, 1 } };

    [Theory]
    [MemberData(nameof(Units))]
    public void EveryStartDayOf2025And2026_SeveralBudgets_WithAndWithoutSuspensionsAndExtension_GivesTheDueDaysOfDeadlines(TimeUnit unit, int variant)
    {
        var random = new Random(10 + variant);
        var compared = 0;
        for (var start = D("2025-01-01"); start.Year < 2027; start = start.PlusDays(1))
        {
            foreach (var budget in new[] { 0, 1, 3, 5, 20, 45 })
            {
                var clock = CaseClock(Iso(start), new TimeLimit(budget, unit), new TimeLimit(budget + 7, unit), new TimeLimit(15, unit));
                if (variant == 1)
                {
                    AddSuspensions(clock, random);
                    if (random.Next(2) == 0)
                    {
                        clock.Extend(random.Next(1, 16), "head", "reason", Now, null).Should().BeNull();
                    }
                }

                var expected = clock.Deadlines(Calendar);
                var d = ClockDerivation.Of(clock, Calendar);

                (d.Promised!.Due, d.Statutory!.Due, d.Provisional).Should().Be((expected.PromisedDue, expected.StatutoryDue, expected.Provisional), $"start {start}, budget {budget} {unit}");
                if (unit == TimeUnit.WorkingDays && d.Statutory.Due is { } due)
                {
                    d.Statutory.Walk.Count.Should().Be(Period.Between(start, due, PeriodUnits.Days).Days);
                    d.Statutory.Walk.Count(w => w.Count is not null).Should().Be(d.Statutory.Budget);
                }

                compared++;
            }
        }

        compared.Should().Be(730 * 6);
    }

    private static void AddSuspensions(Clock clock, Random random)
    {
        var from = clock.Start;
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            from = from.PlusDays(random.Next(1, 20));
            var to = from.PlusDays(random.Next(0, 10));
            clock.Suspend(Guid.NewGuid(), SuspensionType.Testing, null, from, 5, "notice", "head", Now).Should().BeNull();
            if (random.Next(6) > 0)
            {
                clock.EndSuspension(clock.Suspensions[^1].Id, to, "head", Now).Should().BeNull();
                from = to;
            }
            else
            {
                return;
            }
        }
    }

    private static Clock CaseClock(string start, TimeLimit? promised, TimeLimit? statutory, TimeLimit? extension = null) =>
        new(ClockId.New(), CaseId.New(), null, ClockKind.Case, D(start), promised, statutory, extension, Now);

    private static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    private static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
