using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Tests.Calendar;

/// <summary>The worked examples of domain-rules §2 and the counting rule's properties.</summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped;

    [Theory]
    [InlineData("2025-09-26", 5, "2025-10-10")]  // counts Sun 09-28 (make-up), skips 10-01..10-08
    [InlineData("2025-09-26", 20, "2025-10-30")] // counts Sat 10-11
    [InlineData("2026-02-12", 5, "2026-02-26")]  // crosses the Spring Festival and Sat 02-14
    [InlineData("2025-12-31", 3, "2026-01-06")]  // crosses the year, counts Sun 01-04
    [InlineData("2026-01-30", 45, "2026-04-10")] // joint handling ceiling
    [InlineData("2026-01-30", 60, "2026-05-06")] // and its extension (+15)
    public void Due_MatchesTheWorkedExample(string start, int budget, string due)
    {
        var deadline = Calendar.Due(Date(start), budget, TimeUnit.WorkingDays);

        deadline.Should().Be(new Deadline(Date(due), Provisional: false));
    }

    [Fact]
    public void Due_SkipsTheSuspension_WhenExpertReviewSuspendsTheClock()
    {
        var deadline = Calendar.Due(Date("2025-09-26"), 20, TimeUnit.WorkingDays, [new DateRange(Date("2025-10-13"), Date("2025-10-17"))]);

        deadline.Due.Should().Be(Date("2025-11-06"), "6 working days are used before the suspension and 14 after");
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void OfficialYear_Has248WorkingDays(int year) =>
        Calendar.Year(year)!.WorkingDayCount().Should().Be(248);

    [Fact]
    public void MakeUpDays_Count_AndRestDays_DoNot()
    {
        Calendar.IsWorkingDay(Date("2025-09-28"), out _).Should().BeTrue("Sunday 09-28 is a make-up working day");
        Calendar.IsWorkingDay(Date("2025-10-06"), out _).Should().BeFalse("Monday 10-06 is in the National Day holiday");
        Calendar.IsWorkingDay(Date("2025-10-11"), out _).Should().BeTrue("Saturday 10-11 is a make-up working day");
        Calendar.Due(Date("2025-09-27"), 1, TimeUnit.WorkingDays).Due.Should().Be(Date("2025-09-28"));
        Calendar.Due(Date("2025-09-30"), 1, TimeUnit.WorkingDays).Due.Should().Be(Date("2025-10-09"));
    }

    [Fact]
    public void CalendarDays_EndOnTheNextWorkingDay_WhenTheLastDayIsARestDay()
    {
        Calendar.Due(Date("2025-09-24"), 7, TimeUnit.CalendarDays).Due.Should().Be(Date("2025-10-09"), "10-01 falls in the holiday, which runs to 10-08");
        Calendar.Due(Date("2025-09-01"), 7, TimeUnit.CalendarDays).Due.Should().Be(Date("2025-09-08"));
    }

    [Fact]
    public void Due_IsProvisional_WhenCountingReachesAYearWithoutData()
    {
        var deadline = Calendar.Due(Date("2026-12-28"), 10, TimeUnit.WorkingDays);

        deadline.Provisional.Should().BeTrue();
        deadline.Due.Should().Be(Date("2027-01-11"), "2027 counts Monday to Friday until its calendar is imported");
        Calendar.Due(Date("2026-12-01"), 3, TimeUnit.WorkingDays).Provisional.Should().BeFalse();
    }

    [Fact]
    public void Import_ReplacesProvisionalCounting()
    {
        var with2027 = Calendar.With(new CalendarYear(2027, [new DateRange(Date("2027-01-01"), Date("2027-01-03"))], []));

        with2027.Due(Date("2026-12-31"), 1, TimeUnit.WorkingDays).Should().Be(new Deadline(Date("2027-01-04"), false));
    }

    [Fact]
    public void Properties_HoldOverManyStartsAndBudgets()
    {
        var suspension = new DateRange(Date("2025-10-13"), Date("2025-10-17"));
        for (var start = Date("2024-12-01"); start <= Date("2026-12-31"); start = start.PlusDays(5))
        {
            var previous = start;
            for (var budget = 0; budget <= 60; budget++)
            {
                var due = Calendar.Due(start, budget, TimeUnit.WorkingDays).Due;
                due.Should().BeGreaterThanOrEqualTo(previous, "a longer budget never gives an earlier due day");
                Calendar.Due(start, budget, TimeUnit.WorkingDays, [suspension]).Due.Should().BeGreaterThanOrEqualTo(due, "a suspension never makes it earlier");
                if (budget > 0)
                {
                    Calendar.IsWorkingDay(due, out _).Should().BeTrue("a working-day budget ends on a working day");
                    Calendar.WorkingDaysBetween(start, due).Should().Be(budget, "exactly the budget's working days are counted");
                }

                previous = due;
            }
        }
    }

    [Fact]
    public void DateRange_Refuses_WhenItEndsBeforeItStarts() =>
        FluentActions.Invoking(() => new DateRange(Date("2025-10-17"), Date("2025-10-13"))).Should().Throw<ArgumentException>();

    [Fact]
    public void Due_Refuses_NegativeOrAbsurdBudgets()
    {
        FluentActions.Invoking(() => Calendar.Due(Date("2025-01-01"), -1, TimeUnit.WorkingDays)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Calendar.Due(Date("2025-01-01"), WorkingDayCalendar.MaxBudgetDays + WorkingDayCalendar.MaxExtensionDays + 1, TimeUnit.WorkingDays)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void CentreDay_EndsAtMidnightInShanghai()
    {
        var day = new CentreDay(CentreTimeZone.Default);

        day.EndOf(Date("2025-11-06")).Should().Be(Instant.FromUtc(2025, 11, 6, 16, 0), "2025-11-07T00:00+08:00");
        new CentreDay(CentreTimeZone.Default, new LocalTime(17, 30)).EndOf(Date("2025-11-06")).Should().Be(Instant.FromUtc(2025, 11, 6, 9, 30));
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
