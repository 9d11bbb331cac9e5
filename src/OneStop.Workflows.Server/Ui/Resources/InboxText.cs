namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The inbox, task and case pages' texts: <c>InboxText.resx</c> (Chinese) and <c>InboxText.en.resx</c>.</summary>
public sealed class InboxText;
