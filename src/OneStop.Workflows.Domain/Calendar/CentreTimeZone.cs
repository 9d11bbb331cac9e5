using NodaTime;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>The centre's time zone (setting <c>Centre:TimeZone</c>, default Asia/Shanghai): business days are its dates.</summary>
public sealed record CentreTimeZone(DateTimeZone Zone)
{
    public const string DefaultZoneId = "Asia/Shanghai";

    public static CentreTimeZone Default { get; } = new(DateTimeZoneProviders.Tzdb[DefaultZoneId]);

    public static CentreTimeZone FromId(string? zoneId) =>
        string.IsNullOrWhiteSpace(zoneId) ? Default : new(DateTimeZoneProviders.Tzdb[zoneId]);

    /// <summary>The centre's calendar date at <paramref name="instant"/>.</summary>
    public LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;
}
