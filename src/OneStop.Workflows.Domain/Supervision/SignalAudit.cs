using System.Text.Json;
using NodaTime;
using OneStop.Workflows.Domain.Audit;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>The audit event a fired card leaves: raised by the system, on the signal's subject, with its rule, level, due instant and basis.</summary>
public static class SignalAudit
{
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SignalLevel.Action"/> signals are not cards and are not raised.</exception>
    public static AuditEvent Raised(Instant firedAt, Guid caseId, Guid subjectId, string rule, SignalLevel level, Instant dueAt, string basis) =>
        new(firedAt, SystemActor.Name, AuditActions.Raised(level), caseId, subjectId.ToString(),
            JsonSerializer.Serialize(new { Rule = rule, level = level.ToString(), dueAt = dueAt.ToString() }), basis);
}
