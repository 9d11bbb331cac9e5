using NodaTime;
using NodaTime.Text;

namespace OneStop.Workflows.Application.Cases;

/// <summary>Business dates on the wire: ISO <c>yyyy-MM-dd</c>.</summary>
public static class IsoDate
{
    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string? Format(LocalDate? date) => date is { } d ? Format(d) : null;
}
