using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Tests.Calendar;

/// <summary>Issue 8 findings 6 and 16: the supported dates, counting at their edges, and the plausibility of an imported year.</summary>
public class SupportedDates_Issue8Tests
{
    [Theory]
    [InlineData(TimeUnit.WorkingDays)]
    [InlineData(TimeUnit.CalendarDays)]
    public void Due_DoesNotOverflow_FromTheLastSupportedDayWithTheLargestBudget(TimeUnit unit)
    {
        var all = new DateRange(SupportedDates.First, SupportedDates.Last);

        var deadline = WorkingDayCalendar.Shipped.Due(SupportedDates.Last, WorkingDayCalendar.MaxBudgetDays, unit, [all]);

        deadline.Due.Should().BeGreaterThan(SupportedDates.Last);
        deadline.Provisional.Should().BeTrue("no year after 2199 has data");
    }

    [Fact]
    public void Due_CountsALimitWithItsLargestExtension_FromTheLastSupportedDay() =>
        WorkingDayCalendar.Shipped.Due(SupportedDates.Last, WorkingDayCalendar.MaxBudgetDays + WorkingDayCalendar.MaxExtensionDays, TimeUnit.WorkingDays)
            .Due.Year.Should().BeInRange(2210, 2216);

    [Fact]
    public void Due_SkipsASuspensionOverTheWholeRange_FromTheFirstDay() =>
        WorkingDayCalendar.Shipped.Due(SupportedDates.First, 1, TimeUnit.WorkingDays, [new DateRange(SupportedDates.First, SupportedDates.Last)])
            .Due.Should().Be(new LocalDate(2200, 1, 1));

    [Theory]
    [InlineData(1989, false)]
    [InlineData(1990, true)]
    [InlineData(2199, true)]
    [InlineData(2200, false)]
    [InlineData(9999, false)]
    public void ContainsYear_IsTheImportableYears(int year, bool supported) =>
        SupportedDates.ContainsYear(year).Should().Be(supported);

    [Fact]
    public void Contains_RefusesTheEndsOfTime_WithoutOverflow()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

        SupportedDates.Contains(Instant.MaxValue, zone).Should().BeFalse();
        SupportedDates.Contains(Instant.MinValue, zone).Should().BeFalse();
        SupportedDates.Contains(Instant.FromUtc(2199, 12, 31, 15, 59), zone).Should().BeTrue("23:59 in Shanghai");
        SupportedDates.Contains(Instant.FromUtc(2199, 12, 31, 16, 0), zone).Should().BeFalse("2200-01-01 in Shanghai");
    }

    [Fact]
    public void Check_RefusesAYearWithoutWorkingDays_UnderWorkingDays()
    {
        var problems = CalendarYear.Check(2030, [new DateRange(new LocalDate(2030, 1, 1), new LocalDate(2030, 12, 31))], [], "all rest");

        problems.Should().ContainSingle().Which.Path.Should().Be("workingDays");
    }

    [Fact]
    public void Check_AcceptsTheShippedYears()
    {
        foreach (var year in ShippedCalendars.All)
        {
            CalendarYear.Check(year.Year, year.RestDays, year.MakeUpWorkingDays, year.Source).Should().BeEmpty($"{year.Year} is official");
        }
    }

    [Fact]
    public void Check_NamesTheEntry_WhenARangeIsOutsideTheYear()
    {
        var shipped = ShippedCalendars.Year2026;
        var rest = shipped.RestDays.Append(new DateRange(new LocalDate(2027, 1, 1), new LocalDate(2027, 1, 1))).ToList();

        CalendarYear.Check(2026, rest, shipped.MakeUpWorkingDays, null).Select(p => p.Path).Should().Equal($"restDays[{rest.Count - 1}]");
    }
}
