using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Read a year of the official calendar; administrators import a new or corrected year (audited).</summary>
public static class CalendarYears
{
    public sealed record ImportRequest(IReadOnlyList<CalendarJson.RangeData>? RestDays, IReadOnlyList<string>? MakeUpWorkingDays, string? Source, string? Reason);

    public static void MapCalendarYears(this RouteGroupBuilder api)
    {
        api.MapGet("/calendar/{year:int}", GetAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetCalendarYear").WithSummary("A year's national rest days and make-up working days, the centre's regional adjustments and the effective working-day count; 404 for a year without data (counted Monday–Friday, provisional).")
            .Produces<CalendarJson.YearResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/calendar/{year:int}", ImportAsync).RequireAuthorization(Policies.Administration)
            .WithName("ImportCalendarYear").WithSummary("Import (add or replace) a year of the national calendar, keeping the year's regional adjustments; audited; re-plans running clocks.")
            .Accepts<ImportRequest>("application/json").Produces<CalendarJson.YearResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> GetAsync(int year, OfficialCalendar calendar, CancellationToken ct) =>
        !SupportedDates.ContainsYear(year) ? YearOutsideRange(year)
        : await calendar.CurrentAsync(ct) is var current && current.Year(year) is not null
            ? Results.Ok(CalendarJson.From(current, year))
            : Problems.NotFound($"No official calendar for {year}: deadlines reaching it count Monday–Friday and are provisional until it is imported.");

    private static async Task<IResult> ImportAsync(int year, HttpContext http, OfficialCalendar calendar, SignalPlanner planner,
        IDbContextFactory<OneStopDbContext> contexts, NodaTime.IClock clock, ILogger<OfficialCalendar> logger, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        if (!SupportedDates.ContainsYear(year))
        {
            return YearOutsideRange(year);
        }

        var (request, problem) = await RequestJson.ReadAsync<ImportRequest>(http.Request, ct);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var rest = CalendarJson.ParseRanges(request.RestDays ?? [], "restDays", errors);
        var makeUp = (request.MakeUpWorkingDays ?? []).Select((d, i) => CalendarJson.Parse(d, $"makeUpWorkingDays[{i}]", errors)).OfType<NodaTime.LocalDate>().ToList();
        if (request.RestDays is null)
        {
            errors["restDays"] = ["The rest days are required (inclusive ranges)."];
        }

        // The year's own checks index the lists as given: only once every entry parsed.
        if (errors.Count == 0)
        {
            foreach (var p in CalendarYear.Check(year, rest, makeUp, request.Source))
            {
                errors.TryAdd(p.Path, [p.Message]);
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var parsed = new CalendarYear(year, rest, makeUp, request.Source);

        return await AnswerAsync(await calendar.ImportAsync(parsed, user.UserName, request.Reason, ct), year, "imported", user.UserName, planner, contexts, clock, logger, ct);
    }

    /// <summary>400 for a year route value outside <see cref="SupportedDates"/>.</summary>
    internal static IResult YearOutsideRange(int year) =>
        Problems.Validation(new Dictionary<string, string[]> { ["year"] = [SupportedDates.YearMessage(year)] });

    /// <summary>
    /// The answer to a change of the calendar (national import, regional adjustments set or removed): after a change, every running
    /// clock's pending signals are re-planned, since their due days are derived from the calendar; then 200 with the year.
    /// </summary>
    internal static async Task<IResult> AnswerAsync(CalendarChange change, int year, string what, string user, SignalPlanner planner,
        IDbContextFactory<OneStopDbContext> contexts, NodaTime.IClock clock, ILogger logger, CancellationToken ct)
    {
        switch (change)
        {
            case CalendarChange.Written written:
                if (written.Changed)
                {
                    var replanned = await planner.ReplanRunningClocksAsync(contexts, clock.GetCurrentInstant(), ct);
                    logger.LogInformation("Calendar {Year} {What} by {User}; {Count} running clock(s) re-planned", year, what, user, replanned);
                }

                return Results.Ok(CalendarJson.From(written.Calendar, year));
            case CalendarChange.Invalid invalid:
                return Problems.Validation(invalid.Problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
            case CalendarChange.Refused refused:
                return Problems.Conflict(refused.Detail, refused.Code);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}
