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
            .WithName("GetCalendarYear").WithSummary("A year's rest days and make-up working days; 404 for a year without data (counted Monday–Friday, provisional).")
            .Produces<CalendarJson.YearResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/calendar/{year:int}", ImportAsync).RequireAuthorization(Policies.Administration)
            .WithName("ImportCalendarYear").WithSummary("Import (add or replace) a year of the official calendar; audited.")
            .Accepts<ImportRequest>("application/json").Produces<CalendarJson.YearResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetAsync(int year, OfficialCalendar calendar, CancellationToken ct) =>
        (await calendar.CurrentAsync(ct)).Year(year) is { } data
            ? Results.Ok(CalendarJson.From(data))
            : Problems.NotFound($"No official calendar for {year}: deadlines reaching it count Monday–Friday and are provisional until it is imported.");

    private static async Task<IResult> ImportAsync(int year, HttpContext http, OfficialCalendar calendar, SignalPlanner planner,
        IDbContextFactory<OneStopDbContext> contexts, NodaTime.IClock clock, ILogger<OfficialCalendar> logger, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
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

        CalendarYear? parsed = null;
        if (errors.Count == 0)
        {
            try
            {
                parsed = new CalendarYear(year, rest, makeUp, request.Source);
            }
            catch (ArgumentException ex)
            {
                errors["year"] = [ex.Message];
            }
        }

        if (parsed is null)
        {
            return Problems.Validation(errors);
        }

        await calendar.ImportAsync(parsed, user.UserName, request.Reason, ct);

        // Every running clock's due days are derived from the calendar: re-plan their pending signals now.
        var replanned = await planner.ReplanRunningClocksAsync(contexts, clock.GetCurrentInstant(), ct);
        logger.LogInformation("Calendar {Year} imported by {User}; {Count} running clock(s) re-planned", year, user.UserName, replanned);
        return Results.Ok(CalendarJson.From(parsed));
    }
}
