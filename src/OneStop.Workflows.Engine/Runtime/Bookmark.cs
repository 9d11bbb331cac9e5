using System.Text.Json.Nodes;
using NodaTime;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>An open bookmark: a token blocked at <see cref="ActivityId"/> until someone resumes it.</summary>
public sealed record Bookmark(
    BookmarkId Id,
    string ActivityId,
    string ActivityType,
    string Name,
    JsonObject? Payload,
    Instant CreatedAt);
