using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>
/// An administrator sets (adds or replaces) the centre's regional adjustments of a national year (local holidays and
/// make-up days); audited; re-plans running clocks. Refused (409) for a year without national data.
/// </summary>
public sealed class SetRegionalAdjustments(EffectiveCalendarStore calendar, SignalPlanner planner, OneStopDbContext db, IClock clock, ILogger<EffectiveCalendarStore> logger)
{
    public sealed record Command(int Year, string? Region, IReadOnlyList<CalendarWire.NamedRangeData>? RestDays, IReadOnlyList<string>? MakeUpWorkingDays,
        string? Source, string? Reason);

    public async Task<Result<CalendarWire.YearResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if ((CalendarRules.AdministratorOnly(actor) ?? CalendarRules.YearOutsideRange(command.Year)) is { } refused)
        {
            return refused;
        }

        var (adjustments, invalid) = Read(command);
        if (invalid is not null)
        {
            return invalid;
        }

        var change = await calendar.SetRegionalAsync(adjustments!, actor.UserName, command.Reason, ct);
        return await CalendarRules.AnswerAsync(change, command.Year, "regional adjustments set", actor, planner, db, clock, logger, ct);
    }

    /// <summary>The adjustments the command describes, or the refusal naming each bad field (shared with <see cref="PreviewCalendarChange"/>).</summary>
    internal static (RegionalAdjustments? Adjustments, Refusal? Invalid) Read(Command command)
    {
        var errors = new Dictionary<string, FieldError[]>();
        var rest = ParseRestDays(command.RestDays ?? [], errors);
        var makeUp = ParseMakeUpDays(command.MakeUpWorkingDays ?? [], errors);
        if ((command.RestDays?.Count ?? 0) + (command.MakeUpWorkingDays?.Count ?? 0) == 0)
        {
            errors["restDays"] = [new(FieldErrorCodes.RegionalEmpty, "At least one regional rest day range or make-up working day; to remove the adjustments use DELETE.")];
        }

        // The lists' own checks (dates in the year, overlaps, a day both rest and working) index the lists as given: only once every entry parsed.
        var parsed = errors.Count == 0;
        foreach (var p in RegionalAdjustments.Check(command.Year, command.Region, parsed ? rest : [], parsed ? makeUp : [], command.Source))
        {
            errors.TryAdd(p.Path, [p.Error]);
        }

        return errors.Count > 0
            ? (null, Refusal.Invalid(errors))
            : (new RegionalAdjustments(command.Year, command.Region!, rest, makeUp, command.Source!), null);
    }

    /// <summary>The rest day ranges in the order given; a list longer than the maximum is refused without parsing it.</summary>
    private static List<RegionalRestDays> ParseRestDays(IReadOnlyList<CalendarWire.NamedRangeData> ranges, Dictionary<string, FieldError[]> errors)
    {
        var result = new List<RegionalRestDays>();
        if (ranges.Count > RegionalAdjustments.MaxEntries)
        {
            errors["restDays"] = [CalendarYear.TooManyRanges(RegionalAdjustments.MaxEntries, ranges.Count)];
            return result;
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            var from = CalendarWire.Parse(ranges[i]?.From, $"restDays[{i}].from", errors);
            var to = CalendarWire.Parse(ranges[i]?.To, $"restDays[{i}].to", errors);
            var name = ranges[i]?.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors[$"restDays[{i}].name"] = [new(FieldErrorCodes.RegionalHolidayNameRequired, "The name of the local holiday is required, e.g. \"三月三\".")];
            }
            else if (name.Length > RegionalRestDays.MaxNameLength)
            {
                errors[$"restDays[{i}].name"] = [new FieldError(FieldErrorCodes.TooLong, $"At most {RegionalRestDays.MaxNameLength} characters.").With("max", RegionalRestDays.MaxNameLength)];
            }

            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    errors[$"restDays[{i}]"] = [CalendarWire.RangeBackwards(f, t)];
                }
                else if (!errors.ContainsKey($"restDays[{i}].name"))
                {
                    result.Add(new RegionalRestDays(new DateRange(f, t), name!));
                }
            }
        }

        return result;
    }

    private static List<LocalDate> ParseMakeUpDays(IReadOnlyList<string> days, Dictionary<string, FieldError[]> errors)
    {
        if (days.Count > RegionalAdjustments.MaxEntries)
        {
            errors["makeUpWorkingDays"] = [CalendarYear.TooManyDays(RegionalAdjustments.MaxEntries, days.Count)];
            return [];
        }

        return days.Select((d, i) => CalendarWire.Parse(d, $"makeUpWorkingDays[{i}]", errors)).OfType<LocalDate>().ToList();
    }
}
