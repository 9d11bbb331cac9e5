namespace OneStop.Workflows.Domain.Audit;

/// <summary>The <see cref="AuditEvent.Actor"/> names used when no signed-in staff member acted.</summary>
/// <remarks>Stored in the database and shown in timelines: wire names, never changed.</remarks>
public static class SystemActor
{
    /// <summary>The server itself: sweeps, deemed actions, seeding, tasks it creates or cancels.</summary>
    public const string Name = "system";

    /// <summary>The command line (<c>create-admin</c>), run by whoever operates the server.</summary>
    public const string Cli = "cli";

    /// <summary>An unauthenticated caller, e.g. a failed sign-in.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The applicant, e.g. submitting corrections through the public route.</summary>
    public const string Applicant = "applicant";
}
