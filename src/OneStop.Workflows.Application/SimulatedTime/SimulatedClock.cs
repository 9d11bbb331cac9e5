using NodaTime;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>
/// The clock of <c>Clock:Mode=Simulated</c> (demos, training, tests): it runs at the real pace from a simulated instant
/// that administrators may set or advance, never backwards. Thread-safe. Refused in Production (see <see cref="SimulatedTimeSetup"/>).
/// </summary>
public sealed class SimulatedClock : IClock
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private Instant _anchor;
    private long _anchorTimestamp;

    /// <summary>A clock showing the real time now, from here on moved only by <see cref="Set"/> and <see cref="Advance"/>.</summary>
    public SimulatedClock()
        : this(SystemClock.Instance.GetCurrentInstant())
    {
    }

    /// <summary>A clock showing <paramref name="start"/> now; <paramref name="time"/> (default: the system's) measures the real time that passes.</summary>
    public SimulatedClock(Instant start, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _anchor = start;
        _anchorTimestamp = _time.GetTimestamp();
    }

    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            return Current();
        }
    }

    /// <summary>Moves the clock to <paramref name="now"/>; an instant earlier than the current one throws <see cref="ArgumentException"/> and changes nothing.</summary>
    public ClockChange Set(Instant now)
    {
        lock (_gate)
        {
            var before = Current();
            if (now < before)
            {
                throw new ArgumentException($"The simulated clock never goes backwards: it is {before}, and {now} is earlier.", nameof(now));
            }

            Restart(now);
            return new ClockChange(before, now);
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>; a negative duration throws <see cref="ArgumentException"/> and changes nothing.</summary>
    public ClockChange Advance(Duration by)
    {
        if (by < Duration.Zero)
        {
            throw new ArgumentException($"The simulated clock never goes backwards: {by} is negative.", nameof(by));
        }

        lock (_gate)
        {
            var before = Current();
            Instant after;
            try
            {
                after = before + by;
            }
            catch (OverflowException ex)
            {
                throw new ArgumentOutOfRangeException(nameof(by), by, $"Advancing {before} by {by} leaves the range of representable instants. " + ex.Message);
            }

            Restart(after);
            return new ClockChange(before, after);
        }
    }

    private Instant Current() => _anchor + Duration.FromTimeSpan(_time.GetElapsedTime(_anchorTimestamp));

    private void Restart(Instant now)
    {
        _anchor = now;
        _anchorTimestamp = _time.GetTimestamp();
    }
}

/// <summary>What one change of the simulated clock did.</summary>
public readonly record struct ClockChange(Instant Before, Instant After);
