using System.Globalization;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Server.Ui.Shared;

/// <summary>
/// Dates and instants as the centre's people read them: the centre's local date (<c>2025年10月10日</c> / <c>10 Oct 2025</c>)
/// and instants in the centre's time zone (<c>2025年10月10日 09:30</c> / <c>10 Oct 2025 09:30</c>), in the page's language.
/// </summary>
public sealed class CentreFormat(CentreTimeZone centre)
{
    /// <summary>A <c>yyyy-MM-dd</c> date of the API's views; null or unreadable → empty.</summary>
    public string Date(string? isoDate) =>
        isoDate is not null && LocalDatePattern.Iso.Parse(isoDate) is { Success: true } parsed ? Date(parsed.Value) : "";

    public string Date(LocalDate date) => UiCulture.IsEnglish
        ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
        : $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>An ISO instant of the API's views, shown in the centre's zone; null or unreadable → empty.</summary>
    public string Instant(string? isoInstant)
    {
        if (isoInstant is null || InstantPattern.ExtendedIso.Parse(isoInstant) is not { Success: true } parsed)
        {
            return "";
        }

        var local = parsed.Value.InZone(centre.Zone).LocalDateTime;
        return Date(local.Date) + " " + local.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}
