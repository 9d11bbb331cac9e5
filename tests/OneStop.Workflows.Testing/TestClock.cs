using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;

namespace OneStop.Workflows.Testing;

/// <summary>
/// The one shared fake clock helper: <c>TestClock.At("2026-01-05T09:00:00Z")</c>. Advance it with
/// <see cref="FakeClock.Advance(Duration)"/>; it never moves on its own.
/// </summary>
public static class TestClock
{
    /// <summary>A <see cref="FakeClock"/> standing at an ISO-8601 instant such as <c>2026-01-05T09:00:00Z</c>.</summary>
    public static FakeClock At(string isoInstant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(isoInstant);
        return new FakeClock(InstantPattern.ExtendedIso.Parse(isoInstant).GetValueOrThrow());
    }
}
