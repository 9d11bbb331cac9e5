namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The window clerk's pages' texts: <c>WindowText.resx</c> (Chinese, the default) and <c>WindowText.en.resx</c>.</summary>
public sealed class WindowText;
