using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Calendar;
using Microsoft.EntityFrameworkCore;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>
/// An administrator sets or advances the simulated clock, or moves it to the next working day or the next due signal (never
/// backwards, within the supported dates). The change is audited, then every <see cref="IClockChangeListener"/> is awaited,
/// so whatever became due has happened when this answers.
/// </summary>
/// <remarks><paramref name="simulated"/> is null when the server runs on the system clock (<c>Clock:Mode=System</c>).</remarks>
public sealed class ChangeSimulatedClock(
    SimulatedClock? simulated, OneStopDbContext db, CentreTimeZone centre, EffectiveCalendarStore calendar, IEnumerable<IClockChangeListener> listeners,
    ILogger<ChangeSimulatedClock> logger)
{
    /// <summary>The start of business on a working day, in the centre's zone (the centre models no opening hour; see <see cref="CentreDay"/>).</summary>
    public static readonly LocalTime StartOfBusiness = new(9, 0);

    /// <summary>
    /// Exactly one of <see cref="Now"/> (ISO-8601 date-time with offset), <see cref="AdvanceBy"/> (ISO-8601 duration) or
    /// <see cref="To"/> (<c>nextWorkingDay</c> or <c>nextDueSignal</c>, see <see cref="ClockTarget"/>).
    /// </summary>
    public sealed record Command(string? Now, string? AdvanceBy, string? To = null);

    /// <summary>Where the change put the clock, the clock as read after the follow-ups, and how many follow-up listeners (e.g. the sweep) failed.</summary>
    public sealed record Changed(string MovedTo, ClockReading Clock, int FailedFollowUps);

    public async Task<Result<Changed>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.Administrator)
        {
            return Refusal.Forbidden("Only an administrator moves the simulated clock.");
        }

        if (simulated is not { } clock)
        {
            return Refusal.Conflict("The clock is the system clock; set Clock:Mode=Simulated to set or advance it.", RefusalCodes.SystemClock);
        }

        var (target, by, field, invalid) = await ParseAsync(command, clock.GetCurrentInstant(), ct);
        if (invalid is not null)
        {
            return invalid;
        }

        ClockChange change;
        try
        {
            // A named target already reached (an overdue signal the sweep has not fired yet) moves the clock by nothing and sweeps.
            change = target is { } at ? (field == "to" && at <= clock.GetCurrentInstant() ? clock.Advance(Duration.Zero) : clock.Set(at)) : clock.Advance(by!.Value);
        }
        catch (ArgumentException)
        {
            var current = ClockText.Format(clock.GetCurrentInstant(), centre.Zone);
            return Refusal.Invalid(field, target is { } at
                ? new FieldError(FieldErrorCodes.ClockBackwards, $"The clock never goes backwards: it is {current}, and {ClockText.Format(at, centre.Zone)} is earlier.")
                    .With("value", ClockText.Format(at, centre.Zone)).With("current", current)
                : new FieldError(FieldErrorCodes.ClockDurationTooLong, $"The clock cannot be advanced by {command.AdvanceBy}.").With("value", command.AdvanceBy));
        }

        db.AuditEvents.Add(new AuditEvent(change.After, actor.UserName, target is null ? AuditActions.ClockAdvanced : AuditActions.ClockSet, null, "clock",
            JsonSerializer.Serialize(new
            {
                before = ClockText.FormatUtc(change.Before),
                after = ClockText.FormatUtc(change.After),
                advanceBy = target is null ? command.AdvanceBy!.Trim() : null,
                to = field == "to" ? command.To!.Trim() : null,
                systemUtc = ClockText.FormatUtc(SystemClock.Instance.GetCurrentInstant()),
            }), null));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("{User} moved the simulated clock from {Before} to {After}", actor.UserName, change.Before, change.After);
        var failed = await ClockTick.NotifyAsync(listeners, change.After, logger, ct);
        return new Changed(ClockText.Format(change.After, centre.Zone), ClockReading.Of(ClockMode.Simulated, clock.GetCurrentInstant(), centre), failed);
    }

    /// <summary>The target instant or the advance, the field it came from, or the refusal by field.</summary>
    private async Task<(Instant? Target, Duration? By, string Field, Refusal? Invalid)> ParseAsync(Command command, Instant now, CancellationToken ct)
    {
        var hasNow = !string.IsNullOrWhiteSpace(command.Now);
        var hasAdvance = !string.IsNullOrWhiteSpace(command.AdvanceBy);
        var hasTo = !string.IsNullOrWhiteSpace(command.To);
        var given = (hasNow ? 1 : 0) + (hasAdvance ? 1 : 0) + (hasTo ? 1 : 0);
        if (given != 1)
        {
            // Two or more: the refusal names the later field (now, advanceBy, to in that order), as before for now + advanceBy.
            return (null, null, string.Empty, given == 0
                ? Refusal.Invalid("now", new FieldError(FieldErrorCodes.ClockChangeMissing,
                    "Give now (an ISO-8601 date-time with offset, e.g. 2025-09-26T09:00:00+08:00) or advanceBy (an ISO-8601 duration, e.g. P3D)" +
                    " or to (nextWorkingDay or nextDueSignal)."))
                : Refusal.Invalid(hasTo ? "to" : "advanceBy", new FieldError(FieldErrorCodes.ClockChangeSeveral, "Give exactly one of now, advanceBy or to, not several.")));
        }

        Instant? target = null;
        Duration? by = null;
        var field = hasNow ? "now" : hasAdvance ? "advanceBy" : "to";
        if (hasNow)
        {
            target = ClockText.ParseInstant(command.Now!);
            if (target is null)
            {
                return (null, null, field, Refusal.Invalid(field, new FieldError(FieldErrorCodes.ClockInstantInvalid,
                    $"'{command.Now}' is not an ISO-8601 date-time with an offset (e.g. 2025-09-26T09:00:00+08:00).").With("value", command.Now)));
            }
        }
        else if (hasAdvance)
        {
            (by, var error) = ClockText.ParseDurationWithCode(command.AdvanceBy!);
            if (error is not null)
            {
                return (null, null, field, Refusal.Invalid(field, error));
            }
        }
        else
        {
            var (named, refusal) = await TargetAsync(command.To!, now, ct);
            if (refusal is not null)
            {
                return (null, null, field, refusal);
            }

            target = named;
        }

        // Every date the server works with lies in the supported range: a clock beyond it would make every submission fail.
        var after = target ?? Later(now, by!.Value);
        return after is null || !SupportedDates.Contains(after.Value, centre.Zone)
            ? (null, null, field, Refusal.Invalid(field, new FieldError(FieldErrorCodes.ClockOutsideSupported,
                    $"The clock must stay within the supported dates {Cases.IsoDate.Format(SupportedDates.First)} to {Cases.IsoDate.Format(SupportedDates.Last)}.")
                .With("first", Cases.IsoDate.Format(SupportedDates.First)).With("last", Cases.IsoDate.Format(SupportedDates.Last))))
            : (target, by, field, null);
    }

    /// <summary>The instant a named target (<see cref="ClockTarget"/>) stands for now, or the refusal.</summary>
    private async Task<(Instant? Target, Refusal? Refusal)> TargetAsync(string text, Instant now, CancellationToken ct)
    {
        if (!Enum.TryParse<ClockTarget>(text.Trim(), ignoreCase: true, out var to) || !Enum.IsDefined(to) || int.TryParse(text, out _))
        {
            return (null, Refusal.Invalid("to", new FieldError(FieldErrorCodes.ClockTargetUnknown, $"'{TextQuote.Of(text)}' is not a target; use nextWorkingDay or nextDueSignal.")
                .With("value", TextQuote.Of(text))));
        }

        if (to == ClockTarget.NextWorkingDay)
        {
            var day = NextWorkingDay(await calendar.CurrentAsync(ct), now.InZone(centre.Zone).Date);
            return day is { } d
                ? (d.At(StartOfBusiness).InZoneLeniently(centre.Zone).ToInstant(), null)
                : (null, Refusal.Invalid("to", new FieldError(FieldErrorCodes.ClockNoWorkingDay, "There is no working day within the supported dates after today.")));
        }

        // The earliest pending signal (the partial index ix_supervision_signals_pending_due_at answers it).
        var due = await db.Signals.AsNoTracking().Where(s => s.FiredAt == null).OrderBy(s => s.DueAt).Select(s => s.DueAt).Take(1).ToListAsync(ct);
        return due.Count == 0
            ? (null, Refusal.Conflict("No supervision signal is pending: there is no next due signal to move the clock to.", RefusalCodes.NoPendingSignal))
            : (due[0], null);
    }

    /// <summary>The first working day after <paramref name="today"/> in the effective calendar, or null when none lies within the supported dates.</summary>
    private static LocalDate? NextWorkingDay(WorkingDayCalendar calendar, LocalDate today)
    {
        // A year has at most a few weeks of consecutive rest days; a month is ample.
        for (var day = today.PlusDays(1); day <= SupportedDates.Last && day <= today.PlusDays(31); day = day.PlusDays(1))
        {
            if (calendar.IsWorkingDay(day, out _))
            {
                return day;
            }
        }

        return null;
    }

    private static Instant? Later(Instant now, Duration by)
    {
        try
        {
            return now + by;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

/// <summary>The server's clock: its mode, the time in the centre's zone with its offset, and the same instant in UTC.</summary>
public sealed record ClockReading(ClockMode Mode, string Now, string NowUtc)
{
    public static ClockReading Of(ClockMode mode, Instant now, CentreTimeZone centre) =>
        new(mode, ClockText.Format(now, centre.Zone), ClockText.FormatUtc(now));
}
