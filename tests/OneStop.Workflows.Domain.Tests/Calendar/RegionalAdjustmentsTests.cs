using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Tests.Calendar;

/// <summary>
/// Regional adjustments layered on the national year (issue 4). The example: a Guangxi centre rests on Mon 2026-04-20 and
/// Tue 04-21 for 三月三 and works Sun 04-26 instead.
/// <code>
///   April 2026   Thu 16  Fri 17 | Sat 18  Sun 19 | Mon 20  Tue 21  Wed 22  Thu 23  Fri 24 | Sat 25  Sun 26 | Mon 27
///   national       W       W    |   -       -    |   W       W       W       W       W    |   -       -    |   W
///   effective      W       W    |   -       -    |   三月三 rest     W       W       W    |   -     make-up|   W
/// </code>
/// </summary>
public class RegionalAdjustmentsTests
{
    private static readonly RegionalAdjustments Sanyuesan = new(2026, "450000 广西壮族自治区",
        [new RegionalRestDays(new DateRange(Date("2026-04-20"), Date("2026-04-21")), "三月三")], [Date("2026-04-26")],
        "广西壮族自治区人民政府办公厅 notice on the 2026 三月三 holiday");

    private static readonly WorkingDayCalendar Adjusted = WorkingDayCalendar.Shipped.With(Sanyuesan);

    [Fact]
    public void RegionalRestDay_IsSkipped_OnAWeekday()
    {
        WorkingDayCalendar.Shipped.IsWorkingDay(Date("2026-04-20"), out _).Should().BeTrue("nationally Monday 04-20 is an ordinary working day");

        Adjusted.IsWorkingDay(Date("2026-04-20"), out var provisional).Should().BeFalse("三月三 is a regional rest day");
        provisional.Should().BeFalse();
        Adjusted.IsWorkingDay(Date("2026-04-21"), out _).Should().BeFalse();
        Adjusted.IsWorkingDay(Date("2026-04-22"), out _).Should().BeTrue("the day after the range is as the national year says");
    }

    [Fact]
    public void RegionalMakeUpDay_Counts_OnAWeekend()
    {
        WorkingDayCalendar.Shipped.IsWorkingDay(Date("2026-04-26"), out _).Should().BeFalse("nationally Sunday 04-26 is a rest day");

        Adjusted.IsWorkingDay(Date("2026-04-26"), out _).Should().BeTrue("it is the regional make-up working day");
        Adjusted.IsWorkingDay(Date("2026-04-25"), out _).Should().BeFalse("Saturday 04-25 is not");
    }

    [Theory]
    [InlineData("2026-04-16", 5, "2026-04-23", "2026-04-26")] // 17, 22, 23, 24 and Sun 26 instead of 17, 20, 21, 22, 23
    [InlineData("2026-04-17", 1, "2026-04-20", "2026-04-22")] // the next working day after Friday skips 三月三
    [InlineData("2026-04-13", 20, "2026-05-13", "2026-05-14")] // crosses the adjustments, the national 05-01..05-05 holiday and Sat 05-09
    [InlineData("2026-03-02", 10, "2026-03-16", "2026-03-16")] // before the adjustments: unchanged
    public void Due_MovesWithTheAdjustments(string start, int budget, string nationalDue, string adjustedDue)
    {
        WorkingDayCalendar.Shipped.Due(Date(start), budget, TimeUnit.WorkingDays).Should().Be(new Deadline(Date(nationalDue), false));

        Adjusted.Due(Date(start), budget, TimeUnit.WorkingDays).Should().Be(new Deadline(Date(adjustedDue), false));
    }

    [Fact]
    public void Due_WithoutTheMakeUpDay_SkipsToMonday()
    {
        var restOnly = WorkingDayCalendar.Shipped.With(new RegionalAdjustments(2026, "450000 广西壮族自治区",
            [new RegionalRestDays(new DateRange(Date("2026-04-20"), Date("2026-04-21")), "三月三")], [], "notice"));

        restOnly.Due(Date("2026-04-16"), 5, TimeUnit.WorkingDays).Due.Should().Be(Date("2026-04-27"));
    }

    [Fact]
    public void CalendarDays_EndOnTheNextWorkingDay_WhenTheLastDayIsARegionalRestDay() =>
        Adjusted.Due(Date("2026-04-13"), 7, TimeUnit.CalendarDays).Due.Should().Be(Date("2026-04-22"), "day 7 is 04-20, and 04-20..04-21 are 三月三");

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void NationalYear_Keeps248WorkingDays_WithoutAdjustments(int year)
    {
        WorkingDayCalendar.Shipped.WorkingDayCount(year).Should().Be(248);
        Adjusted.Year(year)!.WorkingDayCount().Should().Be(248, "the national year is not changed by the adjustments");
    }

    [Fact]
    public void EffectiveCount_IsTheNationalCount_MinusRegionalRestDays_PlusRegionalMakeUpDays()
    {
        Adjusted.WorkingDayCount(2026).Should().Be(248 - 2 + 1);
        Adjusted.WorkingDayCount(2025).Should().Be(248, "2025 has no adjustments");
    }

    [Fact]
    public void RegionalAdjustments_AreKept_WhenTheNationalYearIsReplaced_AndGoneWhenRemoved()
    {
        var reimported = Adjusted.With(new CalendarYear(2026, ShippedCalendars.Year2026.RestDays, ShippedCalendars.Year2026.MakeUpWorkingDays, "corrected notice"));

        reimported.Regional(2026).Should().BeSameAs(Sanyuesan);
        reimported.IsWorkingDay(Date("2026-04-20"), out _).Should().BeFalse();
        Adjusted.WithoutRegional(2026).IsWorkingDay(Date("2026-04-20"), out _).Should().BeTrue();
        Adjusted.WithoutRegional(2026).Regional(2026).Should().BeNull();
    }

    [Fact]
    public void Calendar_Refuses_AdjustmentsForAYearWithoutNationalData()
    {
        var adjustments2027 = new RegionalAdjustments(2027, "450000 广西壮族自治区",
            [new RegionalRestDays(DateRange.Day(Date("2027-04-09")), "三月三")], [], "notice");

        FluentActions.Invoking(() => WorkingDayCalendar.Shipped.With(adjustments2027)).Should().Throw<ArgumentException>().WithMessage("*2027*");
    }

    [Fact]
    public void Check_NamesEveryProblem_WithItsPath()
    {
        var problems = RegionalAdjustments.Check(2026, " ",
            [
                new RegionalRestDays(new DateRange(Date("2026-12-31"), Date("2027-01-02")), "跨年"),
                new RegionalRestDays(new DateRange(Date("2026-04-20"), Date("2026-04-21")), "三月三"),
                new RegionalRestDays(DateRange.Day(Date("2026-04-21")), "again"),
            ],
            [Date("2025-04-26"), Date("2026-04-21"), Date("2026-04-26"), Date("2026-04-26")],
            null);

        problems.Select(p => p.Path).Should().BeEquivalentTo(
            "region", "source", "restDays[0]", "restDays[2]", "makeUpWorkingDays[0]", "makeUpWorkingDays[1]", "makeUpWorkingDays[3]");
        problems.Single(p => p.Path == "restDays[0]").Message.Should().Contain("not inside 2026");
        problems.Single(p => p.Path == "restDays[2]").Message.Should().Contain("overlaps restDays[1]");
        problems.Single(p => p.Path == "makeUpWorkingDays[1]").Message.Should().Contain("either rest or working");
        problems.Single(p => p.Path == "makeUpWorkingDays[3]").Message.Should().Contain("twice");
    }

    [Fact]
    public void Check_RefusesOversizedLists()
    {
        var days = Enumerable.Range(0, RegionalAdjustments.MaxEntries + 1).Select(i => Date("2026-01-01").PlusDays(i * 2)).ToList();
        var ranges = days.Select(d => new RegionalRestDays(DateRange.Day(d), "x")).ToList();

        RegionalAdjustments.Check(2026, "region", ranges, [], "notice").Select(p => p.Path).Should().Contain("restDays");
        RegionalAdjustments.Check(2026, "region", [], days, "notice").Select(p => p.Path).Should().Contain("makeUpWorkingDays");
    }

    [Fact]
    public void Constructor_Refuses_WhatCheckReports()
    {
        FluentActions.Invoking(() => new RegionalAdjustments(2026, "", [], [], "notice")).Should().Throw<ArgumentException>().WithMessage("*region*");
        FluentActions.Invoking(() => new RegionalAdjustments(2026, "region", [], [Date("2027-01-02")], "notice")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RegionalRestDays(DateRange.Day(Date("2026-04-20")), " ")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ProblemsWith_TheNationalYear_RefusesMakeUpDaysThatAreNotOrdinaryWeekendRestDays()
    {
        var adjustments = new RegionalAdjustments(2026, "650000 新疆维吾尔自治区", [new RegionalRestDays(new DateRange(Date("2026-05-26"), Date("2026-05-28")), "古尔邦节")],
            [Date("2026-10-03"), Date("2026-10-10"), Date("2026-04-22"), Date("2026-05-30")], "notice");

        var problems = adjustments.ProblemsWith(ShippedCalendars.Year2026);

        problems.Select(p => p.Path).Should().Equal("makeUpWorkingDays[0]", "makeUpWorkingDays[1]", "makeUpWorkingDays[2]");
        problems[0].Message.Should().Contain("national rest day");
        problems[1].Message.Should().Contain("already a national make-up working day");
        problems[2].Message.Should().Contain("Wednesday");
        adjustments.MakeUpDaysOnNationalRestDays(ShippedCalendars.Year2026).Should().Equal(Date("2026-10-03"));
        Sanyuesan.ProblemsWith(ShippedCalendars.Year2026).Should().BeEmpty();
    }

    [Fact]
    public void Properties_HoldOnTheAdjustedCalendar()
    {
        for (var start = Date("2026-03-01"); start <= Date("2026-06-30"); start = start.PlusDays(1))
        {
            for (var budget = 1; budget <= 30; budget++)
            {
                var due = Adjusted.Due(start, budget, TimeUnit.WorkingDays).Due;
                Adjusted.IsWorkingDay(due, out _).Should().BeTrue("a working-day budget ends on a working day");
                Adjusted.WorkingDaysBetween(start, due).Should().Be(budget, "exactly the budget's working days are counted");
            }
        }
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
