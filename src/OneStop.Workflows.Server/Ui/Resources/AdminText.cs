namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The administration pages' texts: <c>AdminText.resx</c> (Chinese) and <c>AdminText.en.resx</c>.</summary>
public sealed class AdminText;
