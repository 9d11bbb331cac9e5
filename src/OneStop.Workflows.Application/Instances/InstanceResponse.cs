using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Application.Instances;

/// <summary>The answer to a start or resume.</summary>
public sealed record InstanceResponse(string InstanceId, string Status, IReadOnlyList<BookmarkSummary> Bookmarks)
{
    public static InstanceResponse From(StepSummary summary) => new(summary.InstanceId, summary.Status.ToString(), summary.Bookmarks);
}
