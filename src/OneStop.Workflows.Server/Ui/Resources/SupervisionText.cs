namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The supervision pages' texts: <c>SupervisionText.resx</c> (Chinese) and <c>SupervisionText.en.resx</c>.</summary>
public sealed class SupervisionText;
