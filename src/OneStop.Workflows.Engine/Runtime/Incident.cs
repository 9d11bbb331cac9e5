using NodaTime;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>A fault recorded on an instance: which activity, why, when.</summary>
public sealed record Incident(string? ActivityId, string? ActivityType, string Message, Instant At);
