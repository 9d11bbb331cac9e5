using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Application;

/// <summary>The member of staff a use case acts for (from the sign-in claims, a job's system identity, or a test).</summary>
public sealed record Actor(string UserName, Role Role, string? Department);
