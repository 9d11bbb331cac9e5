using Microsoft.Extensions.Localization;
using MudBlazor;
using OneStop.Workflows.Server.Ui.Resources;

namespace OneStop.Workflows.Server.Ui.Shared;

/// <summary>
/// MudBlazor's own texts in the page's language. MudBlazor ships English only and asks this localizer for any other
/// culture; the texts are in <see cref="MudComponentText"/>. A key without a text here is reported as not found, so MudBlazor
/// falls back to its English.
/// </summary>
public sealed class UiMudLocalizer(IStringLocalizer<MudComponentText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
