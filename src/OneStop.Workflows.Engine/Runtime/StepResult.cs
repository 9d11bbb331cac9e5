namespace OneStop.Workflows.Engine.Runtime;

/// <summary>
/// What one step (a start or a resume) produced: the new state, the bookmarks now open, the bookmarks
/// created and removed (consumed or cancelled) by the step, and the journal entries it appended.
/// </summary>
public sealed record StepResult(
    InstanceState State,
    IReadOnlyList<Bookmark> OpenBookmarks,
    IReadOnlyList<Bookmark> CreatedBookmarks,
    IReadOnlyList<BookmarkId> RemovedBookmarks,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<StepEffect> Effects);

/// <summary>A domain fact reported by an activity during a step (see <see cref="ActivityResult.Effects"/>).</summary>
public sealed record StepEffect(string ActivityId, string ActivityType, object Effect);
