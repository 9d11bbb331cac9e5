using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Cases;

/// <summary>A workflow host error met while resuming a case's flow, as a refusal (same statuses and messages as the routes gave).</summary>
internal static class HostRefusals
{
    public static Refusal From(HostError error) => error switch
    {
        HostError.DefinitionNotFound => Refusal.NotFound("No workflow definition has that id."),
        HostError.NoPublishedVersion => Refusal.Conflict("The definition has no published version to start; publish it first.", RefusalCodes.WorkflowNotPublished),
        HostError.InstanceNotFound => Refusal.NotFound("No workflow instance has that id."),
        HostError.BookmarkNotFound => Refusal.NotFound("The instance has no open bookmark with that id (unknown, or already consumed)."),
        HostError.IdempotencyKeyReused => Refusal.Conflict("This idempotency key was already used for another bookmark of this instance.", RefusalCodes.IdempotencyKeyReused),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
