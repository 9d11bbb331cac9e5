namespace OneStop.Workflows.Server.Ui.Window;

/// <summary>
/// What the receipt (受理回执) shows, kept only in the circuit's memory: the query password is never in a URL or stored
/// readable, so a reload loses it by design.
/// </summary>
/// <param name="ReceivedOn">The centre date the case was received, already formatted for the page's language.</param>
/// <param name="PromisedBy">The promised completion day (projected from the receipt date until acceptance), formatted.</param>
public sealed record ReceiptData(
    string CaseId,
    string CaseNumber,
    string QueryPassword,
    string? ReceivedOn,
    string? PromisedBy,
    string ServiceItemName,
    string ApplicantName,
    string DeliveryMethod,
    IReadOnlyList<string> MaterialsReceived,
    IReadOnlyList<string> MaterialsDeferred);
