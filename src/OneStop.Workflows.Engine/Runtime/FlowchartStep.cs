using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>The mutable working set of one step; see <see cref="FlowchartRunner"/>.</summary>
internal sealed class FlowchartStep
{
    private readonly CompiledWorkflow _workflow;
    private readonly Instant _now;
    private readonly Dictionary<BookmarkId, Bookmark> _open;
    private readonly Dictionary<string, HashSet<int>> _arrivals;
    private readonly List<Incident> _incidents;
    private readonly List<Bookmark> _created = [];
    private readonly List<BookmarkId> _removed = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly List<StepEffect> _effects = [];
    private readonly System.Text.Json.Nodes.JsonObject? _input;
    private readonly LinkedList<(int Target, int Connection)> _queue = new();
    private long _nextSequence;
    private int _executions;
    private WorkflowStatus _status = WorkflowStatus.Running;

    public FlowchartStep(CompiledWorkflow workflow, InstanceState state, IReadOnlyList<Bookmark> open, Instant now)
    {
        _workflow = workflow;
        _now = now;
        _open = open.ToDictionary(b => b.Id);
        _arrivals = state.JoinArrivals.ToDictionary(p => p.Key, p => p.Value.ToHashSet(), StringComparer.Ordinal);
        _incidents = [.. state.Incidents];
        _nextSequence = state.NextSequence;
        _input = state.Input;
    }

    public StepResult Start()
    {
        Write(JournalEvents.WorkflowStarted, null);
        _queue.AddLast((_workflow.StartIndex, -1));
        return Run();
    }

    public StepResult Resume(BookmarkId bookmarkId, JsonObject? input)
    {
        if (!_open.Remove(bookmarkId, out var bookmark))
        {
            throw new ArgumentException($"Bookmark {bookmarkId} is not open on this instance.", nameof(bookmarkId));
        }

        _removed.Add(bookmarkId);
        var activity = _workflow.Find(bookmark.ActivityId)
            ?? throw new InvalidOperationException($"Bookmark {bookmarkId} points at activity '{bookmark.ActivityId}', which the pinned definition lacks.");
        Write(JournalEvents.Resumed, activity);
        Apply(activity, Invoke(activity, ctx => activity.Behaviour.Resume(ctx, input), bookmark));
        return Run();
    }

    private StepResult Run()
    {
        while (_status == WorkflowStatus.Running)
        {
            Drain();
            if (_status != WorkflowStatus.Running || !SettleActiveJoins())
            {
                break;
            }
        }

        if (_status == WorkflowStatus.Running)
        {
            _status = _open.Count == 0 ? WorkflowStatus.Finished : WorkflowStatus.Waiting;
            if (_status == WorkflowStatus.Finished)
            {
                _arrivals.Clear();
                Write(JournalEvents.WorkflowFinished, null);
            }
        }

        var state = new InstanceState(_status, _nextSequence, _arrivals.ToDictionary(p => p.Key, p => p.Value.Order().ToArray(), StringComparer.Ordinal), _incidents, _input);
        var createdIds = _created.Select(b => b.Id).ToHashSet();
        return new StepResult(state, _open.Values.ToList(), _created.Where(b => _open.ContainsKey(b.Id)).ToList(), _removed.Where(id => !createdIds.Contains(id)).ToList(), _journal, _effects);
    }

    private void Drain()
    {
        while (_status == WorkflowStatus.Running && _queue.First is { } first)
        {
            _queue.RemoveFirst();
            var activity = _workflow.Activities[first.Value.Target];
            if (++_executions > FlowchartRunner.MaxExecutionsPerStep)
            {
                Fault(activity, $"More than {FlowchartRunner.MaxExecutionsPerStep} activity executions in one step; the flow probably loops forever.");
                return;
            }

            if (activity.IsJoin)
            {
                Arrive(activity, first.Value.Connection);
            }
            else
            {
                Write(JournalEvents.Started, activity);
                Apply(activity, Invoke(activity, ctx => activity.Behaviour.Execute(ctx)));
            }
        }
    }

    private ActivityResult Invoke(CompiledActivity activity, Func<ActivityContext, ActivityResult> run, Bookmark? bookmark = null)
    {
        var context = new ActivityContext(activity.Id, activity.Name, activity.Inputs, _now, _input, bookmark);
        try
        {
            return run(context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An activity bug must fault the instance with an incident, never escape as a 500.
            return ActivityResult.Fault($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Apply(CompiledActivity activity, ActivityResult result)
    {
        if (result is not FaultResult)
        {
            _effects.AddRange(result.Effects.Select(e => new StepEffect(activity.Id, activity.Type, e)));
        }

        switch (result)
        {
            case ContinueResult c:
                if (result.CancelOtherBranches)
                {
                    CancelAllBranches();
                }

                Write(JournalEvents.Completed, activity, string.Join(",", c.Outcomes), result.Note);
                Route(activity, c.Outcomes);
                break;
            case WaitResult w:
                var bookmark = new Bookmark(BookmarkId.New(), activity.Id, activity.Type, w.BookmarkName, w.Payload, _now);
                _open.Add(bookmark.Id, bookmark);
                _created.Add(bookmark);
                Write(JournalEvents.Suspended, activity, message: bookmark.Id.ToString());
                break;
            case FaultResult f:
                Fault(activity, f.Reason);
                break;
            case FinishResult:
                Write(JournalEvents.Completed, activity, message: result.Note);
                Finish();
                break;
        }
    }

    private void Route(CompiledActivity activity, IReadOnlyList<string> outcomes)
    {
        foreach (var edge in activity.Outgoing)
        {
            if (outcomes.Contains(edge.Port))
            {
                _queue.AddLast((edge.Target, edge.ConnectionIndex));
            }
        }
    }

    private void Arrive(CompiledActivity join, int connection)
    {
        if (!_arrivals.TryGetValue(join.Id, out var arrived))
        {
            arrived = [];
            _arrivals[join.Id] = arrived;
            Write(JournalEvents.Started, join);
        }

        arrived.Add(connection);
        Write(JournalEvents.Arrived, join, message: $"connection {connection}");
        var fire = join.JoinMode switch
        {
            FlowJoinActivity.WaitAny => true,
            FlowJoinActivity.WaitAllActive => CanFireActive(join, arrived),
            _ => join.Incoming.All(arrived.Contains),
        };
        if (fire)
        {
            Fire(join);
        }
    }

    private bool CanFireActive(CompiledActivity join, HashSet<int> arrived)
    {
        var live = _open.Values.Select(b => _workflow.Find(b.ActivityId)!.Index).Concat(_queue.Select(q => q.Target)).ToList();
        var inFlight = _queue.Where(q => q.Target == join.Index).Select(q => q.Connection).ToHashSet();
        return join.Incoming.Where(c => !arrived.Contains(c))
            .All(c => !inFlight.Contains(c) && !live.Any(position => position != join.Index
                && _workflow.CanReach(position, _workflow.EdgeOf(c).Source)));
    }

    private bool SettleActiveJoins()
    {
        foreach (var (joinId, arrived) in _arrivals.ToList())
        {
            var join = _workflow.Find(joinId);
            if (join is { JoinMode: FlowJoinActivity.WaitAllActive } && CanFireActive(join, arrived))
            {
                Fire(join);
                return true;
            }
        }

        return false;
    }

    private void Fire(CompiledActivity join)
    {
        _arrivals.Remove(join.Id);
        if (join.JoinMode == FlowJoinActivity.WaitAny)
        {
            CancelUpstreamOf(join);
        }

        Write(JournalEvents.Completed, join, Ports.Done);
        Route(join, [Ports.Done]);
    }

    private void CancelUpstreamOf(CompiledActivity join)
    {
        foreach (var bookmark in _open.Values.ToList())
        {
            var at = _workflow.Find(bookmark.ActivityId)!;
            if (at.Index != join.Index && _workflow.CanReach(at.Index, join.Index))
            {
                CancelBookmark(bookmark, at);
            }
        }

        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Target == join.Index || _workflow.CanReach(node.Value.Target, join.Index))
            {
                Write(JournalEvents.Cancelled, _workflow.Activities[node.Value.Target]);
                _queue.Remove(node);
            }

            node = next;
        }
    }

    private void CancelBookmark(Bookmark bookmark, CompiledActivity? at)
    {
        _open.Remove(bookmark.Id);
        _removed.Add(bookmark.Id);
        Write(JournalEvents.Cancelled, at, message: bookmark.Id.ToString());
    }

    private void CancelAllBranches()
    {
        foreach (var bookmark in _open.Values.ToList())
        {
            CancelBookmark(bookmark, _workflow.Find(bookmark.ActivityId));
        }

        foreach (var pending in _queue)
        {
            Write(JournalEvents.Cancelled, _workflow.Activities[pending.Target]);
        }

        _queue.Clear();
    }

    private void Finish()
    {
        CancelAllBranches();
        _arrivals.Clear();
        _status = WorkflowStatus.Finished;
        Write(JournalEvents.WorkflowFinished, null);
    }

    private void Fault(CompiledActivity? activity, string reason)
    {
        _incidents.Add(new Incident(activity?.Id, activity?.Type, reason, _now));
        Write(JournalEvents.Faulted, activity, message: reason);
        foreach (var bookmark in _open.Values.ToList())
        {
            CancelBookmark(bookmark, _workflow.Find(bookmark.ActivityId));
        }

        _queue.Clear();
        _status = WorkflowStatus.Faulted;
        Write(JournalEvents.WorkflowFaulted, null, message: reason);
    }

    private void Write(string @event, CompiledActivity? activity, string? outcomes = null, string? message = null) =>
        _journal.Add(new JournalEntry(_nextSequence++, _now, @event, activity?.Id, activity?.Type, outcomes, message));
}
