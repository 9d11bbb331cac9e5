using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Server.Ui.Window;

/// <summary>
/// The few inline styles of the window's pages (the print rules are in <c>wwwroot/print.css</c>). Every colour pair has a
/// contrast of at least 4.5:1, and a tag always carries its text too (never colour alone).
/// </summary>
public static class WindowStyles
{
    /// <summary>A fieldset without the browser's frame (the paper around it is the frame).</summary>
    public const string Fieldset = "border:0;padding:0;margin:0;min-width:0";

    private const string Tag = "display:inline-block;padding:1px 8px;border-radius:12px;font-size:.8125rem;font-weight:600;white-space:nowrap;border:1px solid ";

    /// <summary>A material's requirement: required (dark blue), deferrable 容缺 (amber), optional (grey).</summary>
    public static string Requirement(MaterialRequirement requirement) => requirement switch
    {
        MaterialRequirement.Required => Tag + "#0b4f8a;color:#0b4f8a;background:#e8f0f8",
        MaterialRequirement.Deferrable => Tag + "#7a4f00;color:#5c3b00;background:#fff4d6",
        _ => Tag + "#5f6368;color:#3c4043;background:#f1f3f4",
    };
}
