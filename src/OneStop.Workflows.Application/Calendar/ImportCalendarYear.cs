using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>An administrator imports (adds or replaces) a year of the national calendar, keeping its regional adjustments; audited; re-plans running clocks.</summary>
public sealed class ImportCalendarYear(EffectiveCalendarStore calendar, SignalPlanner planner, OneStopDbContext db, IClock clock, ILogger<EffectiveCalendarStore> logger)
{
    public sealed record Command(int Year, IReadOnlyList<CalendarWire.RangeData>? RestDays, IReadOnlyList<string>? MakeUpWorkingDays, string? Source, string? Reason);

    public async Task<Result<CalendarWire.YearResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if ((CalendarRules.AdministratorOnly(actor) ?? CalendarRules.YearOutsideRange(command.Year)) is { } refused)
        {
            return refused;
        }

        var (year, invalid) = Read(command);
        if (invalid is not null)
        {
            return invalid;
        }

        var change = await calendar.ImportAsync(year!, actor.UserName, command.Reason, ct);
        return await CalendarRules.AnswerAsync(change, command.Year, "imported", actor, planner, db, clock, logger, ct);
    }

    /// <summary>The year the command describes, or the refusal naming each bad field (shared with <see cref="PreviewCalendarChange"/>).</summary>
    internal static (CalendarYear? Year, Refusal? Invalid) Read(Command command)
    {
        var errors = new Dictionary<string, FieldError[]>();
        var rest = CalendarWire.ParseRanges(command.RestDays ?? [], "restDays", errors);
        var makeUp = (command.MakeUpWorkingDays ?? []).Select((d, i) => CalendarWire.Parse(d, $"makeUpWorkingDays[{i}]", errors)).OfType<LocalDate>().ToList();
        if (command.RestDays is null)
        {
            errors["restDays"] = [new(FieldErrorCodes.CalendarRestDaysRequired, "The rest days are required (inclusive ranges).")];
        }

        // The year's own checks index the lists as given: only once every entry parsed.
        if (errors.Count == 0)
        {
            foreach (var p in CalendarYear.Check(command.Year, rest, makeUp, command.Source))
            {
                errors.TryAdd(p.Path, [p.Error]);
            }
        }

        return errors.Count > 0 ? (null, Refusal.Invalid(errors)) : (new CalendarYear(command.Year, rest, makeUp, command.Source), null);
    }
}
