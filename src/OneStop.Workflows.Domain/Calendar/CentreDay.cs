using NodaTime;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>Turns business days into instants at the edge: a due day ends at the centre's close of day.</summary>
public sealed record CentreDay(CentreTimeZone Centre, LocalTime? OfficeClose = null)
{
    /// <summary>The instant the due day ends: the next midnight in the centre's zone, or the office close time if set.</summary>
    public Instant EndOf(LocalDate day) =>
        OfficeClose is { } close ? day.At(close).InZoneLeniently(Centre.Zone).ToInstant() : day.PlusDays(1).AtStartOfDayInZone(Centre.Zone).ToInstant();

    /// <summary>The instant the day starts (midnight in the centre's zone).</summary>
    public Instant StartOf(LocalDate day) => day.AtStartOfDayInZone(Centre.Zone).ToInstant();
}
