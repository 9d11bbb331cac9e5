namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>
/// An audit event a case change asks for, before it is stored. <see cref="Details"/> is the structured object the store
/// serializes; <see cref="PublicText"/> (the applicant's bilingual wording) makes the event public.
/// </summary>
public sealed record CaseAuditEntry(string Action, string Actor, string? Subject, string? Reason, object? Details = null, string? PublicText = null);
