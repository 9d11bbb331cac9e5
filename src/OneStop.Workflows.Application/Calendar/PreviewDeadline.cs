using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>Deadline preview for clerks and designers (any member of staff): the one place the counting rule is exposed.</summary>
public sealed class PreviewDeadline(EffectiveCalendarStore calendar, CentreDay centreDay)
{
    public sealed record Query(string? Start, int? Budget, TimeUnit? Unit, IReadOnlyList<CalendarWire.RangeData>? Suspensions);

    public sealed record Response(string Due, string DueInstant, bool Provisional);

    /// <summary>ISO 8601 with the offset always as ±HH:mm (e.g. 2025-11-07T00:00:00+08:00).</summary>
    private static readonly OffsetDateTimePattern InstantWithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, FieldError[]>();
        var start = CalendarWire.Parse(query.Start, "start", errors);
        if (query.Budget is not (>= 0 and <= WorkingDayCalendar.MaxBudgetDays))
        {
            errors["budget"] = [new FieldError(FieldErrorCodes.BudgetRange, $"A whole number of days from 0 to {WorkingDayCalendar.MaxBudgetDays}.").With("max", WorkingDayCalendar.MaxBudgetDays)];
        }

        if (query.Unit is null)
        {
            errors["unit"] = [new(FieldErrorCodes.DeadlineUnit, "WorkingDays or CalendarDays.")];
        }

        var suspensions = CalendarWire.ParseRanges(query.Suspensions, "suspensions", errors);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var deadline = (await calendar.CurrentAsync(ct)).Due(start!.Value, query.Budget!.Value, query.Unit!.Value, suspensions);
        var end = centreDay.EndOf(deadline.Due).InZone(centreDay.Centre.Zone).ToOffsetDateTime();
        return new Response(CalendarWire.Format(deadline.Due), InstantWithOffset.Format(end), deadline.Provisional);
    }
}
