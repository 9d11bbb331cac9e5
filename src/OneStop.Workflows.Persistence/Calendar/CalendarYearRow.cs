using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Persistence.Calendar;

/// <summary>A stored year of the official calendar (table <c>calendar_years</c>); the dates are JSON.</summary>
public sealed class CalendarYearRow
{
    public int Year { get; set; }

    /// <summary><c>{ "restDays": [{ "from", "to" }], "makeUpWorkingDays": ["yyyy-MM-dd"] }</c>.</summary>
    public required string Data { get; set; }

    public string? Source { get; set; }

    public Instant UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public static CalendarYearRow From(CalendarYear year, Instant now, string user) => new()
    {
        Year = year.Year,
        Data = JsonSerializer.Serialize(new Stored(
            year.RestDays.Select(r => new StoredRange(LocalDatePattern.Iso.Format(r.From), LocalDatePattern.Iso.Format(r.To))).ToList(),
            year.MakeUpWorkingDays.Select(LocalDatePattern.Iso.Format).ToList()), JsonSerializerOptions.Web),
        Source = year.Source,
        UpdatedAt = now,
        UpdatedBy = user,
    };

    public CalendarYear ToYear()
    {
        var stored = JsonSerializer.Deserialize<Stored>(Data, JsonSerializerOptions.Web)!;
        return new CalendarYear(Year,
            stored.RestDays.Select(r => new DateRange(Parse(r.From), Parse(r.To))).ToList(),
            stored.MakeUpWorkingDays.Select(Parse).ToList(), Source);
    }

    private static LocalDate Parse(string text) => LocalDatePattern.Iso.Parse(text).Value;

    private sealed record Stored(List<StoredRange> RestDays, List<string> MakeUpWorkingDays);

    private sealed record StoredRange(string From, string To);
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
