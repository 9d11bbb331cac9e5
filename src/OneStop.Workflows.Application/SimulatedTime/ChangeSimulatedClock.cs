using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>
/// An administrator sets or advances the simulated clock (never backwards, within the supported dates). The change is audited,
/// then every <see cref="IClockChangeListener"/> is awaited, so whatever became due has happened when this answers.
/// </summary>
/// <remarks><paramref name="simulated"/> is null when the server runs on the system clock (<c>Clock:Mode=System</c>).</remarks>
public sealed class ChangeSimulatedClock(
    SimulatedClock? simulated, OneStopDbContext db, CentreTimeZone centre, IEnumerable<IClockChangeListener> listeners, ILogger<ChangeSimulatedClock> logger)
{
    /// <summary>Exactly one of <see cref="Now"/> (ISO-8601 date-time with offset) or <see cref="AdvanceBy"/> (ISO-8601 duration).</summary>
    public sealed record Command(string? Now, string? AdvanceBy);

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

        var (target, by, field, invalid) = Parse(command, clock.GetCurrentInstant());
        if (invalid is not null)
        {
            return invalid;
        }

        ClockChange change;
        try
        {
            change = target is { } at ? clock.Set(at) : clock.Advance(by!.Value);
        }
        catch (ArgumentException)
        {
            var current = ClockText.Format(clock.GetCurrentInstant(), centre.Zone);
            return Refusal.Invalid(field, target is { } at
                ? $"The clock never goes backwards: it is {current}, and {ClockText.Format(at, centre.Zone)} is earlier."
                : $"The clock cannot be advanced by {command.AdvanceBy}.");
        }

        db.AuditEvents.Add(new AuditEvent(change.After, actor.UserName, target is null ? AuditActions.ClockAdvanced : AuditActions.ClockSet, null, "clock",
            JsonSerializer.Serialize(new
            {
                before = ClockText.FormatUtc(change.Before),
                after = ClockText.FormatUtc(change.After),
                advanceBy = target is null ? command.AdvanceBy!.Trim() : null,
                systemUtc = ClockText.FormatUtc(SystemClock.Instance.GetCurrentInstant()),
            }), null));
        await db.SaveChangesAsync(ct);

        logger.LogInformation("{User} moved the simulated clock from {Before} to {After}", actor.UserName, change.Before, change.After);
        var failed = await ClockTick.NotifyAsync(listeners, change.After, logger, ct);
        return new Changed(ClockText.Format(change.After, centre.Zone), ClockReading.Of(ClockMode.Simulated, clock.GetCurrentInstant(), centre), failed);
    }

    /// <summary>The target instant or the advance, the field it came from, or the refusal by field.</summary>
    private (Instant? Target, Duration? By, string Field, Refusal? Invalid) Parse(Command command, Instant now)
    {
        var hasNow = !string.IsNullOrWhiteSpace(command.Now);
        var hasAdvance = !string.IsNullOrWhiteSpace(command.AdvanceBy);
        if (hasNow == hasAdvance)
        {
            return (null, null, string.Empty, Refusal.Invalid(hasNow ? "advanceBy" : "now", hasNow
                ? "Give either now or advanceBy, not both."
                : "Give now (an ISO-8601 date-time with offset, e.g. 2025-09-26T09:00:00+08:00) or advanceBy (an ISO-8601 duration, e.g. P3D)."));
        }

        Instant? target = null;
        Duration? by = null;
        var field = hasNow ? "now" : "advanceBy";
        if (hasNow)
        {
            target = ClockText.ParseInstant(command.Now!);
            if (target is null)
            {
                return (null, null, field, Refusal.Invalid(field, $"'{command.Now}' is not an ISO-8601 date-time with an offset (e.g. 2025-09-26T09:00:00+08:00)."));
            }
        }
        else
        {
            (by, var error) = ClockText.ParseDuration(command.AdvanceBy!);
            if (error is not null)
            {
                return (null, null, field, Refusal.Invalid(field, error));
            }
        }

        // Every date the server works with lies in the supported range: a clock beyond it would make every submission fail.
        var after = target ?? Later(now, by!.Value);
        return after is null || !SupportedDates.Contains(after.Value, centre.Zone)
            ? (null, null, field, Refusal.Invalid(field, $"The clock must stay within the supported dates {Cases.IsoDate.Format(SupportedDates.First)} to {Cases.IsoDate.Format(SupportedDates.Last)}."))
            : (target, by, field, null);
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
