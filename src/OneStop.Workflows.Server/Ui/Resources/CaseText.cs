namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The case page's clock texts ("why this due date", the lead department's time-limit actions): <c>CaseText.resx</c> (Chinese) and <c>CaseText.en.resx</c>.</summary>
public sealed class CaseText;
