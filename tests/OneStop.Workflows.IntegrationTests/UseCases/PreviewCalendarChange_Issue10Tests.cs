using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: the preview of a national import (or of regional adjustments) lists the running clocks whose due days would move, and writes nothing.
/// A food business licence accepted Fri 2025-09-26: market review 4 WD → 10-09, promised 5 WD → 10-10, statutory 20 WD → 10-30.
/// A corrected 2025 that also rests on Thu 10-09 moves them to 10-10, 10-11 (the make-up Saturday) and 10-31.
/// </summary>
public sealed class PreviewCalendarChange_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task ThePreview_ListsTheMovedDueDays_OfRunningClocks_AndChangesNothing()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var caseId = new Domain.Cases.CaseId(Guid.Parse(id));
        var review = await OpenTaskAsync(caseId, Domain.Cases.TaskKind.Review, "market");
        var holidayToThe9th = Command(ShippedCalendars.Year2025, r => r.From == new NodaTime.LocalDate(2025, 10, 1) ? new(r.From, new(2025, 10, 9)) : r);

        var preview = Value(await Run<PreviewCalendarChange, Result<PreviewCalendarChange.Response>>(u => u.ExecuteAsync(holidayToThe9th, Admin, default)));
        var regional = Value(await Run<PreviewRegionalChange, Result<PreviewCalendarChange.Response>>(u => u.ExecuteAsync(
            new SetRegionalAdjustments.Command(2025, "450000 广西壮族自治区", [new("2025-10-09", "2025-10-09", "地方假日 Local holiday")], [], "Local notice 地方通知", null),
            Admin, default)));
        var unchanged = Value(await Run<PreviewCalendarChange, Result<PreviewCalendarChange.Response>>(u => u.ExecuteAsync(Command(ShippedCalendars.Year2025, r => r), Admin, default)));
        var byHead = await Run<PreviewCalendarChange, Result<PreviewCalendarChange.Response>>(u => u.ExecuteAsync(holidayToThe9th, Head("market"), default));
        var bad = await Run<PreviewCalendarChange, Result<PreviewCalendarChange.Response>>(u => u.ExecuteAsync(holidayToThe9th with { RestDays = [new("2025-10-01", "nope")] }, Admin, default));

        var number = (await Driver.CaseAsync(id))["number"]!.GetValue<string>();
        preview.Total.Should().Be(2);
        preview.Items.Should().Equal(
            new PreviewCalendarChange.MovedDeadline(id, number, "Case", null, "2025-10-10", "2025-10-11", "2025-10-30", "2025-10-31"),
            new PreviewCalendarChange.MovedDeadline(id, number, "Step", review.Id.ToString(), "2025-10-09", "2025-10-10", null, null));
        regional.Should().BeEquivalentTo(preview, o => o.WithStrictOrdering(), "a regional rest day on 10-09 moves the same due days");
        unchanged.Total.Should().Be(0);
        byHead.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        bad.Refusal!.Errors!.Keys.Should().ContainSingle().Which.Should().StartWith("restDays");
        var year = Value(await Run<GetCalendarYear, Result<CalendarWire.YearResponse>>(u => u.ExecuteAsync(new(2025), Admin, default)));
        year.RestDays.Should().Contain(new CalendarWire.RangeData("2025-10-01", "2025-10-08"), "a preview writes nothing");
        year.Regional.Should().BeNull();
        await using var db = Db();
        (await db.AuditEvents.CountAsync(e => e.Subject == "2025" && e.Action == Domain.Audit.AuditActions.CalendarYearImported)).Should().Be(0);
    }

    private static ImportCalendarYear.Command Command(CalendarYear year, Func<DateRange, DateRange> change) =>
        new(year.Year, [.. year.RestDays.Select(change).Select(r => new CalendarWire.RangeData(IsoDate.Format(r.From), IsoDate.Format(r.To)))],
            [.. year.MakeUpWorkingDays.Select(IsoDate.Format)], year.Source, "preview");
}
