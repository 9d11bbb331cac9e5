using MudBlazor;

namespace OneStop.Workflows.Server.Ui.Layout;

/// <summary>
/// The look: MudBlazor's Material theme with colours of checked contrast (text on every surface ≥ 4.5:1, axe's
/// <c>color-contrast</c>) and the system's fonts with the CJK ones first (no font is fetched from elsewhere).
/// </summary>
public static class UiTheme
{
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Helvetica", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b4f8a",
            Secondary = "#6a1b9a",
            Info = "#0b5cad",
            Success = "#1b5e20",
            Warning = "#7a4f00",
            Error = "#b00020",
            AppbarBackground = "#0b4f8a",
            PrimaryContrastText = "#ffffff",
            InfoContrastText = "#ffffff",
            SuccessContrastText = "#ffffff",
            WarningContrastText = "#ffffff",
            ErrorContrastText = "#ffffff",
            TextSecondary = "rgba(0,0,0,0.70)",
            ActionDefault = "rgba(0,0,0,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts },
            H2 = new H2Typography { FontFamily = Fonts },
            H3 = new H3Typography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts },
            H5 = new H5Typography { FontFamily = Fonts },
            H6 = new H6Typography { FontFamily = Fonts },
            Button = new ButtonTypography { FontFamily = Fonts },
            Body1 = new Body1Typography { FontFamily = Fonts },
            Body2 = new Body2Typography { FontFamily = Fonts },
        },
    };
}
