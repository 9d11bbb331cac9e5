using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Application;

/// <summary>The engine's <see cref="HostError"/> as a <see cref="Refusal"/> (the server shows each as before: <c>Problems.From(Refusal)</c>).</summary>
internal static class HostRefusals
{
    public static Refusal From(HostError error) => error switch
    {
        HostError.DefinitionNotFound => Refusal.NotFound("No workflow definition has that id."),
        HostError.NoPublishedVersion => Refusal.Conflict("The definition has no published version to start; publish it first.", RefusalCodes.DefinitionNotPublished),
        HostError.InstanceNotFound => Refusal.NotFound("No workflow instance has that id."),
        HostError.BookmarkNotFound => Refusal.NotFound("The instance has no open bookmark with that id (unknown, or already consumed)."),
        HostError.IdempotencyKeyReused => Refusal.Conflict("This idempotency key was already used for another bookmark of this instance.", RefusalCodes.IdempotencyKeyReused),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
