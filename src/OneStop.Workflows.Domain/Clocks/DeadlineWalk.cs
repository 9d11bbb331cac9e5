using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Clocks;

/// <summary>
/// Walks a budget from a start day the way <see cref="WorkingDayCalendar.Due"/> counts it (start day not counted, suspended days
/// skipped, a calendar-day period ending on a rest day moves to the next working day), recording why each day counted or not.
/// </summary>
internal sealed class DeadlineWalk(WorkingDayCalendar calendar, LocalDate start, IReadOnlyList<(Guid Id, DateRange Range)> suspensions, bool open)
{
    public LimitDerivation Derive(TimeLimit limit, int extension)
    {
        var budget = limit.Value + extension;
        if (open)
        {
            return new LimitDerivation(limit.Value, extension, budget, limit.Unit, null, false, 0, 0, 0, 0, []);
        }

        var walk = new List<DerivedDay>();
        var (counted, skipped, suspended, provisional) = (0, 0, 0, false);
        var day = start;
        while (counted < budget)
        {
            day = day.PlusDays(1);
            var one = Classify(day, counted);
            provisional |= one.Provisional;
            counted += one.Count is null ? 0 : 1;
            skipped += one.Kind is DerivedDayKind.Weekend or DerivedDayKind.Holiday ? 1 : 0;
            suspended += one.Kind == DerivedDayKind.Suspended ? 1 : 0;
            walk.Add(one);
        }

        var rolled = 0;
        while (limit.Unit == TimeUnit.CalendarDays && !calendar.IsWorkingDay(day, out var unknown))
        {
            provisional |= unknown;
            day = day.PlusDays(1);
            rolled++;
        }

        return new LimitDerivation(limit.Value, extension, budget, limit.Unit, day, provisional, counted, limit.Unit == TimeUnit.CalendarDays ? 0 : skipped,
            suspended, rolled, limit.Unit == TimeUnit.WorkingDays ? walk : []);

        DerivedDay Classify(LocalDate d, int before)
        {
            if (suspensions.FirstOrDefault(s => s.Range.Contains(d)) is { Range: not null } s)
            {
                return new DerivedDay(d, DerivedDayKind.Suspended, null, null, s.Id, false);
            }

            var working = calendar.IsWorkingDay(d, out var unknownYear);
            var weekend = d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            if (working || limit.Unit == TimeUnit.CalendarDays)
            {
                var kind = !working ? (weekend ? DerivedDayKind.Weekend : DerivedDayKind.Holiday) : weekend ? DerivedDayKind.MakeUpWorkingDay : DerivedDayKind.Working;
                return new DerivedDay(d, kind, before + 1, working ? null : HolidayName(d), null, unknownYear);
            }

            var holiday = !weekend || (calendar.Year(d.Year)?.RestDays.Any(r => r.Contains(d)) ?? false) || HolidayName(d) is not null;
            return new DerivedDay(d, holiday ? DerivedDayKind.Holiday : DerivedDayKind.Weekend, null, HolidayName(d), null, unknownYear);
        }
    }

    private string? HolidayName(LocalDate d) => calendar.Regional(d.Year)?.RestDays.FirstOrDefault(r => r.Days.Contains(d))?.Name;
}
