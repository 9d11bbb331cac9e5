using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>
/// What a national import of a year would move, before it is made (administrators): every running clock whose promised or
/// statutory due day would change, with the day now and the day after. The body and its checks are the import's own
/// (<see cref="ImportCalendarYear"/>); for regional adjustments see <see cref="PreviewRegionalChange"/>. Writes nothing. The list is capped at <see cref="MaxItems"/> (by case
/// number); <c>Total</c> counts them all.
/// </summary>
public sealed class PreviewCalendarChange(EffectiveCalendarStore calendar, OneStopDbContext db)
{
    /// <summary>The most moved deadlines listed.</summary>
    public const int MaxItems = 200;

    private const int PageSize = 1000;

    /// <param name="TaskId">The review task of a step clock; null for a case clock.</param>
    public sealed record MovedDeadline(
        string CaseId, string CaseNumber, string ClockKind, string? TaskId,
        string? OldPromisedDue, string? NewPromisedDue, string? OldStatutoryDue, string? NewStatutoryDue);

    /// <param name="Total">How many running clocks' due days would move.</param>
    /// <param name="Items">The first <see cref="MaxItems"/> of them, by case number, case clocks first.</param>
    public sealed record Response(int Year, int Total, IReadOnlyList<MovedDeadline> Items);

    public async Task<Result<Response>> ExecuteAsync(ImportCalendarYear.Command command, Actor actor, CancellationToken ct)
    {
        if ((CalendarRules.AdministratorOnly(actor) ?? CalendarRules.YearOutsideRange(command.Year)) is { } refused)
        {
            return refused;
        }

        var (year, invalid) = ImportCalendarYear.Read(command);
        if (invalid is not null)
        {
            return invalid;
        }

        // The same rules as the import itself (e.g. a regional make-up working day the new rest days would cover is a conflict).
        var current = await calendar.CurrentAsync(ct);
        var (change, conflict) = CalendarChangeRules.Import(year!, current.Regional(year!.Year));
        return conflict ?? (Result<Response>)await MovedAsync(db, year.Year, current, current.With(change!.National), ct);
    }

    /// <summary>The running clocks whose due days differ between <paramref name="current"/> and <paramref name="proposed"/> (shared with <see cref="PreviewRegionalChange"/>).</summary>
    internal static async Task<Response> MovedAsync(OneStopDbContext db, int year, WorkingDayCalendar current, WorkingDayCalendar proposed, CancellationToken ct)
    {
        var moved = new List<MovedDeadline>();
        for (var done = 0; ; done += PageSize)
        {
            // Running clocks by id (stable under offset paging: nothing here stops a clock), without tracking.
            var page = await (
                    from k in db.Clocks.AsNoTracking()
                    where k.StoppedAt == null
                    join c in db.Cases on k.CaseId equals c.Id
                    orderby k.Id
                    select new { Clock = k, c.Number })
                .Skip(done).Take(PageSize).ToListAsync(ct);
            moved.AddRange(page.Select(x => Moved(x.Clock, x.Number, current, proposed)).OfType<MovedDeadline>());
            if (page.Count < PageSize)
            {
                break;
            }
        }

        var items = moved.OrderBy(m => m.CaseNumber, StringComparer.Ordinal).ThenBy(m => m.ClockKind == nameof(ClockKind.Case) ? 0 : 1)
            .ThenBy(m => m.TaskId, StringComparer.Ordinal).Take(MaxItems).ToList();
        return new Response(year, moved.Count, items);
    }

    private static MovedDeadline? Moved(Clock clock, string number, WorkingDayCalendar before, WorkingDayCalendar after)
    {
        var (old, now) = (clock.Deadlines(before), clock.Deadlines(after));
        return old.PromisedDue == now.PromisedDue && old.StatutoryDue == now.StatutoryDue
            ? null
            : new MovedDeadline(clock.CaseId.ToString(), number, clock.Kind.ToString(), clock.TaskId?.ToString(),
                Day(old.PromisedDue), Day(now.PromisedDue), Day(old.StatutoryDue), Day(now.StatutoryDue));
    }

    private static string? Day(NodaTime.LocalDate? day) => day is { } d ? IsoDate.Format(d) : null;
}
