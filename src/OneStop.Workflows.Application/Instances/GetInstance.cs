using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Application.Instances;

/// <summary>
/// An instance: status, open bookmarks, incidents and its journal (designers, administrators). Instants are ISO 8601 UTC
/// strings (<c>2025-09-26T01:00:00Z</c>), the same form as every other route.
/// </summary>
public sealed class GetInstance(IWorkflowInstanceStore store)
{
    /// <summary>How many journal entries one read returns at most.</summary>
    public const int JournalPage = 1000;

    public sealed record Query(string InstanceId, long? AfterSequence);

    public sealed record Response(
        string InstanceId,
        string DefinitionId,
        int DefinitionVersion,
        string DefinitionVersionId,
        string Status,
        string CreatedAt,
        string UpdatedAt,
        IReadOnlyList<BookmarkSummary> Bookmarks,
        IReadOnlyList<IncidentView> Incidents,
        IReadOnlyList<JournalEntryView> Journal);

    /// <summary>An incident as the API shows it (<see cref="Incident"/> with its instant as text).</summary>
    public sealed record IncidentView(string? ActivityId, string? ActivityType, string Message, string At)
    {
        public static IncidentView From(Incident i) => new(i.ActivityId, i.ActivityType, i.Message, i.At.ToString());
    }

    /// <summary>A journal entry as the API shows it (<see cref="JournalEntry"/> with its instant as text).</summary>
    public sealed record JournalEntryView(long Sequence, string At, string Event, string? ActivityId, string? ActivityType, string? Outcomes, string? Message)
    {
        public static JournalEntryView From(JournalEntry e) => new(e.Sequence, e.At.ToString(), e.Event, e.ActivityId, e.ActivityType, e.Outcomes, e.Message);
    }

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (!WorkflowInstanceId.TryParse(query.InstanceId, out var id) || await store.LoadAsync(id, ct) is not { } snapshot)
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        var journal = await store.ReadJournalAsync(id, query.AfterSequence ?? 0, JournalPage, ct);
        var i = snapshot.Instance;
        return new Response(i.Id.ToString(), i.DefinitionId, i.DefinitionVersion, i.DefinitionVersionId, i.State.Status.ToString(),
            i.CreatedAt.ToString(), i.UpdatedAt.ToString(), snapshot.OpenBookmarks.Select(BookmarkSummary.From).ToList(),
            i.State.Incidents.Select(IncidentView.From).ToList(), journal.Select(JournalEntryView.From).ToList());
    }
}
