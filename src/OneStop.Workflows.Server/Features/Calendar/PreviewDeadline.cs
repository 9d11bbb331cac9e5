using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Deadline preview for clerks and designers: the one place the counting rule is exposed.</summary>
public static class PreviewDeadline
{
    public sealed record Request(string? Start, int? Budget, TimeUnit? Unit, IReadOnlyList<CalendarJson.RangeData>? Suspensions);

    public sealed record Response(string Due, string DueInstant, bool Provisional);

    /// <summary>ISO 8601 with the offset always as ±HH:mm (e.g. 2025-11-07T00:00:00+08:00).</summary>
    private static readonly OffsetDateTimePattern InstantWithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public static void MapPreviewDeadline(this RouteGroupBuilder api) =>
        api.MapPost("/calendar/deadline", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("PreviewDeadline").WithSummary("Due day of a budget from a start day (not counted), skipping suspensions (inclusive ranges).")
            .Accepts<Request>("application/json").Produces<Response>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpRequest http, OfficialCalendar calendar, CentreDay centreDay, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<Request>(http, ct);
        if (request is null)
        {
            return problem!;
        }

        var errors = new Dictionary<string, string[]>();
        var start = CalendarJson.Parse(request.Start, "start", errors);
        if (request.Budget is not (>= 0 and <= WorkingDayCalendar.MaxBudgetDays))
        {
            errors["budget"] = [$"A whole number of days from 0 to {WorkingDayCalendar.MaxBudgetDays}."];
        }

        if (request.Unit is null)
        {
            errors["unit"] = ["WorkingDays or CalendarDays."];
        }

        var suspensions = CalendarJson.ParseRanges(request.Suspensions, "suspensions", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var deadline = (await calendar.CurrentAsync(ct)).Due(start!.Value, request.Budget!.Value, request.Unit!.Value, suspensions);
        var end = centreDay.EndOf(deadline.Due).InZone(centreDay.Centre.Zone).ToOffsetDateTime();
        return Results.Ok(new Response(CalendarJson.Format(deadline.Due), InstantWithOffset.Format(end), deadline.Provisional));
    }
}
