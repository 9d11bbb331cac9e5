using NodaTime;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Testing.Builders;

/// <summary>An inbox task of a case for tests: an open review of <c>market</c> standing for a fresh bookmark unless told otherwise.</summary>
public sealed class TaskBuilder(Case c)
{
    private TaskKind _kind = TaskKind.Review;
    private string _department = c.LeadDepartment;
    private BookmarkId? _bookmark = BookmarkId.New();
    private int? _timeLimit;
    private int? _deemedConsent;
    private Instant _createdAt = c.UpdatedAt;
    private (string Outcome, string? Opinion, Instant At)? _decision;
    private bool _paused;

    public TaskBuilder Acceptance()
    {
        _kind = TaskKind.Acceptance;
        return this;
    }

    public TaskBuilder Review(string department, int? timeLimitWorkingDays = null, int? deemedConsentDays = null)
    {
        (_kind, _department, _timeLimit, _deemedConsent) = (TaskKind.Review, department, timeLimitWorkingDays, deemedConsentDays);
        return this;
    }

    /// <summary>The lead window's task to issue a merged correction notice (no bookmark).</summary>
    public TaskBuilder NoticeWindow()
    {
        (_kind, _bookmark) = (TaskKind.CorrectionNotice, null);
        return this;
    }

    public TaskBuilder Bookmark(BookmarkId bookmark)
    {
        _bookmark = bookmark;
        return this;
    }

    public TaskBuilder Created(Instant at)
    {
        _createdAt = at;
        return this;
    }

    public TaskBuilder Decided(string outcome, string? opinion, Instant at)
    {
        _decision = (outcome, opinion, at);
        return this;
    }

    public TaskBuilder Paused()
    {
        _paused = true;
        return this;
    }

    public ApprovalTask Build()
    {
        var task = new ApprovalTask(TaskId.New(), c.Id, _kind, _department, _kind == TaskKind.CorrectionNotice ? null : $"{_kind}-{_department}",
            c.InstanceId, _bookmark, _timeLimit, _deemedConsent, _createdAt);
        if (_decision is { } d)
        {
            task.Decide(d.Outcome, d.Opinion, $"reviewer.{_department}", $"key-{task.Id}", d.At);
        }

        if (_paused)
        {
            task.Pause();
        }

        return task;
    }
}
