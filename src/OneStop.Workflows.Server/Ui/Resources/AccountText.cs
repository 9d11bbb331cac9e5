namespace OneStop.Workflows.Server.Ui.Resources;

/// <summary>The account pages' texts (sign-in, password, refused, not found): <c>AccountText.resx</c> (Chinese) and <c>AccountText.en.resx</c>.</summary>
public sealed class AccountText;
