using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Persistence.Calendar;

/// <summary>
/// A stored year of the official calendar (table <c>calendar_years</c>): the national year and the centre's regional
/// adjustments for it; the dates are JSON.
/// </summary>
public sealed class CalendarYearRow
{
    public int Year { get; set; }

    /// <summary>
    /// <c>{ "restDays": [{ "from", "to" }], "makeUpWorkingDays": ["yyyy-MM-dd"], "regional"?: { "region", "restDays": [{ "from", "to", "name" }],
    /// "makeUpWorkingDays": [...], "source" } }</c>. <c>regional</c> is left out when there are none (and absent in rows written before it existed).
    /// </summary>
    public required string Data { get; set; }

    public string? Source { get; set; }

    public Instant UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public static CalendarYearRow From(CalendarYear year, RegionalAdjustments? regional, Instant now, string user) => new()
    {
        Year = year.Year,
        Data = Serialize(year, regional),
        Source = year.Source,
        UpdatedAt = now,
        UpdatedBy = user,
    };

    /// <summary>The <see cref="Data"/> of a national year and its regional adjustments.</summary>
    public static string Serialize(CalendarYear year, RegionalAdjustments? regional)
    {
        if (regional is not null && regional.Year != year.Year)
        {
            throw new ArgumentException($"Regional adjustments for {regional.Year} cannot be stored with {year.Year}.", nameof(regional));
        }

        return JsonSerializer.Serialize(new Stored(
            year.RestDays.Select(r => new StoredRange(Format(r.From), Format(r.To))).ToList(),
            year.MakeUpWorkingDays.Select(Format).ToList(),
            ToStored(regional)), JsonSerializerOptions.Web);
    }

    /// <summary>The regional adjustments as stored (for audit details), or null.</summary>
    public static string? SerializeRegional(RegionalAdjustments? regional) =>
        regional is null ? null : JsonSerializer.Serialize(ToStored(regional), JsonSerializerOptions.Web);

    /// <summary>The national year.</summary>
    public CalendarYear ToYear()
    {
        var stored = Read();
        return new CalendarYear(Year,
            stored.RestDays.Select(r => new DateRange(Parse(r.From), Parse(r.To))).ToList(),
            stored.MakeUpWorkingDays.Select(Parse).ToList(), Source);
    }

    /// <summary>The centre's regional adjustments for the year, or null when it has none.</summary>
    public RegionalAdjustments? ToRegional() => Read().Regional is { } r
        ? new RegionalAdjustments(Year, r.Region,
            r.RestDays.Select(d => new RegionalRestDays(new DateRange(Parse(d.From), Parse(d.To)), d.Name)).ToList(),
            r.MakeUpWorkingDays.Select(Parse).ToList(), r.Source)
        : null;

    private Stored Read() => JsonSerializer.Deserialize<Stored>(Data, JsonSerializerOptions.Web)!;

    private static StoredRegional? ToStored(RegionalAdjustments? regional) => regional is null
        ? null
        : new StoredRegional(regional.Region,
            regional.RestDays.Select(r => new StoredNamedRange(Format(r.Days.From), Format(r.Days.To), r.Name)).ToList(),
            regional.MakeUpWorkingDays.Select(Format).ToList(), regional.Source);

    private static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static LocalDate Parse(string text) => LocalDatePattern.Iso.Parse(text).Value;

    // Rows written before regional adjustments existed have no "regional": it reads as null and is not written when null.
    private sealed record Stored(
        List<StoredRange> RestDays,
        List<string> MakeUpWorkingDays,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StoredRegional? Regional = null);

    private sealed record StoredRange(string From, string To);

    private sealed record StoredRegional(string Region, List<StoredNamedRange> RestDays, List<string> MakeUpWorkingDays, string Source);

    private sealed record StoredNamedRange(string From, string To, string Name);
}

internal sealed class CalendarYearRowConfiguration : IEntityTypeConfiguration<CalendarYearRow>
{
    public void Configure(EntityTypeBuilder<CalendarYearRow> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(r => r.Year);
        b.Property(r => r.Year).HasColumnName("year").ValueGeneratedNever();
        b.Property(r => r.Data).HasColumnName("data");
        b.Property(r => r.Source).HasColumnName("source").HasMaxLength(200);
        b.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        b.Property(r => r.UpdatedBy).HasColumnName("updated_by").HasMaxLength(64);
    }
}
