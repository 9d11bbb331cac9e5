using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Testing.Builders;

/// <summary>The facts of one workflow step of a case, as the engine would report them: a resume unless <see cref="Submission"/>.</summary>
public sealed class StepFactsBuilder(Case c)
{
    private readonly List<Bookmark> _created = [];
    private readonly List<BookmarkId> _removed = [];
    private readonly List<StepEffect> _effects = [];
    private object? _context;
    private bool _resumed = true;
    private WorkflowStatus _status = WorkflowStatus.Waiting;

    /// <summary>The start step that submits the case.</summary>
    public StepFactsBuilder Submission(string actor = "clerk.market")
    {
        (_resumed, _context) = (false, new SubmitCaseContext(c, actor));
        return this;
    }

    /// <summary>A bookmark the approval activities open for an acceptance task.</summary>
    public StepFactsBuilder OpensAcceptance() => Opens(new JsonObject { [ApprovalBookmarks.Task] = ApprovalBookmarks.AcceptanceTask }, "Acceptance");

    /// <summary>A bookmark for a review by <paramref name="department"/>.</summary>
    public StepFactsBuilder OpensReview(string department, int? timeLimitWorkingDays = null, int? deemedConsentDays = null)
    {
        var payload = new JsonObject { [ApprovalBookmarks.Task] = ApprovalBookmarks.ReviewTask, [ApprovalBookmarks.Department] = department };
        if (timeLimitWorkingDays is { } limit)
        {
            payload[ApprovalBookmarks.TimeLimit] = limit;
        }

        if (deemedConsentDays is { } days)
        {
            payload[ApprovalBookmarks.DeemedConsent] = days;
        }

        return Opens(payload, $"Review-{department}");
    }

    /// <summary>A bookmark that is not an approval task (e.g. the AwaitingCorrection wait).</summary>
    public StepFactsBuilder Opens(JsonObject payload, string activityId)
    {
        _created.Add(new Bookmark(BookmarkId.New(), activityId, "Test", activityId, payload, c.UpdatedAt));
        return this;
    }

    /// <summary>The bookmarks of <paramref name="tasks"/> are removed (resumed or cancelled by the flow).</summary>
    public StepFactsBuilder Removes(params ApprovalTask[] tasks)
    {
        _removed.AddRange(tasks.Select(t => t.BookmarkId!.Value));
        return this;
    }

    public StepFactsBuilder Effect(object effect)
    {
        _effects.Add(new StepEffect("activity", "Test", effect));
        return this;
    }

    /// <summary>The step decides <paramref name="task"/>: its bookmark is removed and the context names it.</summary>
    public StepFactsBuilder Decides(ApprovalTask task, string actor, SignalId? signalId = null)
    {
        _removed.Add(task.BookmarkId!.Value);
        _context = new DecideTaskContext(task.Id, actor, $"key-{task.Id}", signalId);
        return this;
    }

    /// <summary>The step records the applicant's corrections.</summary>
    public StepFactsBuilder Corrections(string actor = "clerk.market")
    {
        _context = new CorrectionsContext(actor, [new SubmittedMaterial("Application form 申请表", true, "corrected")], $"corrections-{c.Id}");
        return this;
    }

    public StepFactsBuilder Context(object? context)
    {
        _context = context;
        return this;
    }

    /// <summary>The instance finished with this step.</summary>
    public StepFactsBuilder Finishes()
    {
        _status = WorkflowStatus.Finished;
        return this;
    }

    public CaseStepFacts Build() => new(c.InstanceId, _resumed, _created, _removed, _effects, _context, _status);
}
