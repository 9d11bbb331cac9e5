using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Administrators set or remove the centre's regional adjustments of a national year (local holidays and make-up days); audited, re-plans running clocks.</summary>
public static class CalendarRegionalAdjustments
{
    public sealed record SetRequest(string? Region, IReadOnlyList<CalendarJson.NamedRangeData>? RestDays, IReadOnlyList<string>? MakeUpWorkingDays, string? Source,
        string? Reason);

    public static void MapCalendarRegionalAdjustments(this RouteGroupBuilder api)
    {
        api.MapPut("/calendar/{year:int}/regional", SetAsync).RequireAuthorization(Policies.Administration)
            .WithName("SetRegionalAdjustments")
            .WithSummary("Set (add or replace) the centre's regional adjustments of a year: local rest days and make-up working days on top of the national year; audited; re-plans running clocks. 409 for a year without national data.")
            .Accepts<SetRequest>("application/json").Produces<CalendarJson.YearResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/calendar/{year:int}/regional", RemoveAsync).RequireAuthorization(Policies.Administration)
            .WithName("RemoveRegionalAdjustments")
            .WithSummary("Remove the centre's regional adjustments of a year (optional ?reason=); audited; re-plans running clocks. 404 for a year without national data.")
            .Produces<CalendarJson.YearResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SetAsync(int year, HttpContext http, OfficialCalendar calendar, SignalPlanner planner,
        IDbContextFactory<OneStopDbContext> contexts, IClock clock, ILogger<OfficialCalendar> logger, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        if (!SupportedDates.ContainsYear(year))
        {
            return CalendarYears.YearOutsideRange(year);
        }

        var (request, problem) = await RequestJson.ReadAsync<SetRequest>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var rest = ParseRestDays(request.RestDays ?? [], errors);
        var makeUp = ParseMakeUpDays(request.MakeUpWorkingDays ?? [], errors);
        if ((request.RestDays?.Count ?? 0) + (request.MakeUpWorkingDays?.Count ?? 0) == 0)
        {
            errors["restDays"] = ["At least one regional rest day range or make-up working day; to remove the adjustments use DELETE."];
        }

        // The lists' own checks (dates in the year, overlaps, a day both rest and working) index the lists as given: only once every entry parsed.
        var parsed = errors.Count == 0;
        foreach (var p in RegionalAdjustments.Check(year, request.Region, parsed ? rest : [], parsed ? makeUp : [], request.Source))
        {
            errors.TryAdd(p.Path, [p.Message]);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var adjustments = new RegionalAdjustments(year, request.Region!, rest, makeUp, request.Source!);
        var change = await calendar.SetRegionalAsync(adjustments, user.UserName, request.Reason, ct);
        return await CalendarYears.AnswerAsync(change, year, "regional adjustments set", user.UserName, planner, contexts, clock, logger, ct);
    }

    private static async Task<IResult> RemoveAsync(int year, string? reason, HttpContext http, OfficialCalendar calendar, SignalPlanner planner,
        IDbContextFactory<OneStopDbContext> contexts, IClock clock, ILogger<OfficialCalendar> logger, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        if (!SupportedDates.ContainsYear(year))
        {
            return CalendarYears.YearOutsideRange(year);
        }

        var change = await calendar.RemoveRegionalAsync(year, user.UserName, reason, ct);
        return change is CalendarChange.Refused { Code: CalendarChange.NoNationalYear } refused
            ? Problems.NotFound(refused.Detail)
            : await CalendarYears.AnswerAsync(change, year, "regional adjustments removed", user.UserName, planner, contexts, clock, logger, ct);
    }

    /// <summary>The rest day ranges in the order given; a list longer than the maximum is refused without parsing it.</summary>
    private static List<RegionalRestDays> ParseRestDays(IReadOnlyList<CalendarJson.NamedRangeData> ranges, Dictionary<string, string[]> errors)
    {
        var result = new List<RegionalRestDays>();
        if (ranges.Count > RegionalAdjustments.MaxEntries)
        {
            errors["restDays"] = [$"At most {RegionalAdjustments.MaxEntries} ranges; {ranges.Count} given."];
            return result;
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            var from = CalendarJson.Parse(ranges[i]?.From, $"restDays[{i}].from", errors);
            var to = CalendarJson.Parse(ranges[i]?.To, $"restDays[{i}].to", errors);
            var name = ranges[i]?.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors[$"restDays[{i}].name"] = ["The name of the local holiday is required, e.g. \"三月三\"."];
            }
            else if (name.Length > RegionalRestDays.MaxNameLength)
            {
                errors[$"restDays[{i}].name"] = [$"At most {RegionalRestDays.MaxNameLength} characters."];
            }

            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    errors[$"restDays[{i}]"] = [$"The range ends ({CalendarJson.Format(t)}) before it starts ({CalendarJson.Format(f)})."];
                }
                else if (!errors.ContainsKey($"restDays[{i}].name"))
                {
                    result.Add(new RegionalRestDays(new DateRange(f, t), name!));
                }
            }
        }

        return result;
    }

    private static List<LocalDate> ParseMakeUpDays(IReadOnlyList<string> days, Dictionary<string, string[]> errors)
    {
        if (days.Count > RegionalAdjustments.MaxEntries)
        {
            errors["makeUpWorkingDays"] = [$"At most {RegionalAdjustments.MaxEntries} days; {days.Count} given."];
            return [];
        }

        return days.Select((d, i) => CalendarJson.Parse(d, $"makeUpWorkingDays[{i}]", errors)).OfType<LocalDate>().ToList();
    }
}
