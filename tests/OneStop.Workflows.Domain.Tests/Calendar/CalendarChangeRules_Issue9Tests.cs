using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Tests.Calendar;

/// <summary>
/// The rules of changing the official calendar, pure (issue 9: moved out of Persistence's <c>EffectiveCalendarStore</c>). The
/// example: a Guangxi centre rests Mon–Tue 2026-04-20..21 for 三月三 and works Sun 04-26 instead.
/// </summary>
public class CalendarChangeRules_Issue9Tests
{
    private static readonly RegionalAdjustments Sanyuesan = new(2026, "450000 广西壮族自治区",
        [new RegionalRestDays(new DateRange(Date("2026-04-20"), Date("2026-04-21")), "三月三")], [Date("2026-04-26")], "local notice");

    [Fact]
    public void Import_KeepsTheRegionalAdjustments_OfTheYear()
    {
        var (change, refusal) = CalendarChangeRules.Import(ShippedCalendars.Year2026, Sanyuesan);

        refusal.Should().BeNull();
        change!.National.Should().Be(ShippedCalendars.Year2026);
        change.Regional.Should().BeSameAs(Sanyuesan);
        change.AuditAction.Should().Be(AuditActions.CalendarYearImported);
    }

    [Fact]
    public void Import_ThatMakesARegionalMakeUpDayANationalRestDay_IsRefused()
    {
        var corrected = new CalendarYear(2026, [.. ShippedCalendars.Year2026.RestDays, DateRange.Day(Date("2026-04-26"))],
            ShippedCalendars.Year2026.MakeUpWorkingDays, "corrected notice");

        var (change, refusal) = CalendarChangeRules.Import(corrected, Sanyuesan);

        change.Should().BeNull();
        refusal!.Kind.Should().Be(RefusalKind.Conflict);
        refusal.Code.Should().Be(RefusalCodes.CalendarRegionalConflict);
        refusal.Message.Should().Contain("2026-04-26").And.Contain("450000 广西壮族自治区");
    }

    [Fact]
    public void SetRegional_WithoutNationalData_IsAConflict_ButRemoveIsNotFound()
    {
        var (_, set) = CalendarChangeRules.SetRegional(Sanyuesan, national: null, before: null);
        var (_, remove) = CalendarChangeRules.RemoveRegional(2026, national: null, current: null);

        set!.Kind.Should().Be(RefusalKind.Conflict);
        set.Code.Should().Be(RefusalCodes.CalendarNoNationalYear);
        remove!.Kind.Should().Be(RefusalKind.NotFound);
        remove.Message.Should().Be(set.Message);
    }

    [Fact]
    public void SetRegional_ThatDoesNotFitTheNationalYear_IsInvalid_ByPath()
    {
        var onAWeekday = new RegionalAdjustments(2026, "450000 广西壮族自治区", [], [Date("2026-04-22")], "local notice");

        var (change, refusal) = CalendarChangeRules.SetRegional(onAWeekday, ShippedCalendars.Year2026, before: Sanyuesan);

        change.Should().BeNull();
        refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refusal.Errors!.Keys.Should().Equal("makeUpWorkingDays[0]");
    }

    [Fact]
    public void RemoveRegional_RecordsWhatWasRemoved_AndNothingToRemoveIsNoChange()
    {
        var (change, refusal) = CalendarChangeRules.RemoveRegional(2026, ShippedCalendars.Year2026, Sanyuesan);
        var (none, noRefusal) = CalendarChangeRules.RemoveRegional(2026, ShippedCalendars.Year2026, current: null);

        refusal.Should().BeNull();
        change!.Regional.Should().BeNull();
        change.RegionalBefore.Should().BeSameAs(Sanyuesan);
        change.AuditAction.Should().Be(AuditActions.RegionalAdjustmentsRemoved);
        none.Should().BeNull();
        noRefusal.Should().BeNull();
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
