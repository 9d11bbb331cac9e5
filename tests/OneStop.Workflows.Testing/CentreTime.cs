using NodaTime;
using NodaTime.Text;

namespace OneStop.Workflows.Testing;

/// <summary>
/// The one shared centre-time helper: the test centre keeps Beijing time (Asia/Shanghai, the server's default centre
/// zone). <c>CentreTime.At("2025-10-13T09:00")</c> is the instant the centre's wall clock shows that time.
/// </summary>
public static class CentreTime
{
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.ExtendedIso,
    ];

    /// <summary>The instant of a centre-local date-time, <c>yyyy-MM-ddTHH:mm</c> or <c>yyyy-MM-ddTHH:mm:ss</c> (a time that does not exist or repeats throws).</summary>
    public static Instant At(string local)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(local);
        foreach (var pattern in Patterns)
        {
            if (pattern.Parse(local) is { Success: true } parsed)
            {
                return At(parsed.Value);
            }
        }

        throw new FormatException($"'{local}' is not a centre-local date-time (yyyy-MM-ddTHH:mm[:ss]).");
    }

    /// <summary>The instant of a centre-local date-time.</summary>
    public static Instant At(LocalDateTime local) => local.InZoneStrictly(Zone).ToInstant();

    /// <summary>The centre's calendar date at <paramref name="instant"/>.</summary>
    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The centre-local date-time at <paramref name="instant"/>.</summary>
    public static LocalDateTime LocalAt(Instant instant) => instant.InZone(Zone).LocalDateTime;
}
