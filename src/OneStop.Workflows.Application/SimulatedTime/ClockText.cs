using NodaTime;
using NodaTime.Text;

using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>How the clock routes and settings write and read instants and durations.</summary>
public static class ClockText
{
    /// <summary>ISO 8601 with the offset always as ±HH:mm and fractional seconds only when present (2025-09-26T09:00:00+08:00).</summary>
    private static readonly OffsetDateTimePattern WithOffset =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    /// <summary>Accepted on input: <see cref="OffsetDateTimePattern.ExtendedIso"/> (Z, +08, +08:00, fractions) and the same without seconds.</summary>
    private static readonly OffsetDateTimePattern[] Accepted =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    /// <summary>The instant in <paramref name="zone"/>, ISO 8601 with its offset.</summary>
    public static string Format(Instant instant, DateTimeZone zone) => WithOffset.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>The instant in UTC, ISO 8601 with Z.</summary>
    public static string FormatUtc(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>An ISO-8601 date-time with an offset, or null.</summary>
    public static Instant? ParseInstant(string text)
    {
        foreach (var pattern in Accepted)
        {
            if (pattern.Parse(text.Trim()) is { Success: true } result)
            {
                return result.Value.ToInstant();
            }
        }

        return null;
    }

    /// <summary>
    /// An ISO-8601 duration (P3D, PT2H, P1DT12H, P1W; days as 24 hours) as a <see cref="Duration"/>, or the reason it is not one.
    /// Months and years have no fixed length and are refused; so are negative durations (the clock never goes backwards).
    /// </summary>
    public static (Duration? Value, string? Error) ParseDuration(string text)
    {
        var (value, error) = ParseDurationWithCode(text);
        return (value, error?.Message);
    }

    /// <summary>As <see cref="ParseDuration"/>, the error with its code (ADR 0017).</summary>
    public static (Duration? Value, FieldError? Error) ParseDurationWithCode(string text)
    {
        if (PeriodPattern.NormalizingIso.Parse(text.Trim()) is not { Success: true } result)
        {
            return (null, new FieldError(FieldErrorCodes.ClockDurationInvalid, $"'{text}' is not an ISO-8601 duration (e.g. P3D, PT2H, P1DT12H).").With("value", text));
        }

        var period = result.Value;
        if (period.Years != 0 || period.Months != 0)
        {
            return (null, new FieldError(FieldErrorCodes.ClockDurationYearsOrMonths, $"'{text}' has years or months, which have no fixed length; give days (P30D) instead.").With("value", text));
        }

        Duration duration;
        try
        {
            duration = period.ToDuration();
        }
        catch (OverflowException)
        {
            return (null, new FieldError(FieldErrorCodes.ClockDurationTooLong, $"'{text}' is too long.").With("value", text));
        }

        return duration < Duration.Zero
            ? (null, new FieldError(FieldErrorCodes.ClockBackwards, $"'{text}' is negative; the clock never goes backwards.").With("value", text))
            : (duration, null);
    }
}
