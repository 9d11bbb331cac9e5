namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>
/// MudBlazor's own texts (button labels such as a number field's increment and decrement, pagination, close, required) in
/// Chinese: <c>MudComponentText.resx</c>, keyed as MudBlazor names them; <c>MudComponentText.en.resx</c> repeats MudBlazor's English. Read
/// by <see cref="Shared.UiMudLocalizer"/>.
/// </summary>
public sealed class MudComponentText;
