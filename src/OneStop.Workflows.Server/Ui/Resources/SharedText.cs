namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The layout's and shared components' texts: <c>SharedText.resx</c> (Chinese, the default) and <c>SharedText.en.resx</c>.</summary>
public sealed class SharedText;

