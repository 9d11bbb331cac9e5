using System.Globalization;

namespace OneStop.Workflows.Server.Ui.Window;

/// <summary>How the window's pages show a centre date (<c>yyyy-MM-dd</c> from a use case): <c>2025年10月10日</c> / <c>10 Oct 2025</c>.</summary>
public static class WindowFormat
{
    /// <summary>The date in the page's language, or null when there is none (or it is not a date).</summary>
    public static string? Date(string? isoDate)
    {
        if (!DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        return UiCulture.IsEnglish
            ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
    }
}
