namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The applicant's pages' texts: <c>PublicText.resx</c> (Chinese) and <c>PublicText.en.resx</c>.</summary>
public sealed class PublicText;
