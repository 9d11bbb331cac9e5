namespace OneStop.Workflows.Server.Ui.Cases;

/// <summary>
/// The inline styles of the deadline strip: one small cell per day walked, coloured by its kind. Every colour pair has a
/// contrast of at least 4.5:1, and every cell carries a glyph and a hidden sentence too (never colour alone).
/// </summary>
public static class CaseStyles
{
    /// <summary>The strip: cells that wrap.</summary>
    public const string Strip = "list-style:none;display:flex;flex-wrap:wrap;gap:4px;padding:0;margin:.5rem 0 0";

    /// <summary>The legend: swatches in a row.</summary>
    public const string Legend = "list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;padding:0;margin:.5rem 0 0;font-size:.875rem";

    /// <summary>Text read by screen readers only.</summary>
    public const string ScreenReaderOnly = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0";

    private const string Cell = "display:flex;flex-direction:column;align-items:center;justify-content:center;width:44px;height:46px;border-radius:4px;font-size:.75rem;line-height:1.15;";

    private const string Swatch = "display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:.35rem;";

    /// <summary>A day's cell; the due day has a heavier frame.</summary>
    public static string Day(string kind, bool due) => Cell + Colours(kind) + (due ? ";outline:3px solid #0b4f8a;outline-offset:1px;font-weight:700" : "");

    /// <summary>The legend's swatch of <paramref name="kind"/>.</summary>
    public static string SwatchOf(string kind) => Swatch + Colours(kind);

    // Working (blue), make-up working day (green), weekend (grey), holiday (red), suspended (amber, dashed).
    private static string Colours(string kind) => kind switch
    {
        "Working" => "border:1px solid #0b4f8a;color:#0b3a66;background:#e8f0f8",
        "MakeUpWorkingDay" => "border:1px solid #1e6b34;color:#14532d;background:#e6f4ea",
        "Holiday" => "border:1px solid #b3261e;color:#7f1d1d;background:#fde8e8",
        "Suspended" => "border:1px dashed #7a4f00;color:#5c3b00;background:#fff4d6",
        _ => "border:1px solid #9aa0a6;color:#3c4043;background:#f1f3f4",
    };
}
