using NodaTime;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>A clock's stored ladder signal as re-planning sees it: pending while <see cref="FiredAt"/> is null.</summary>
public sealed record StoredSignal(SignalId Id, string Rule, SignalLevel Level, Instant DueAt, string Basis, Instant? FiredAt);

/// <summary>
/// What re-planning a clock writes: the planned signals it has no row for yet, the pending rows whose due instant or
/// basis moved, and the pending rows the ladder no longer plans. Rows that stay as they are appear nowhere.
/// </summary>
public sealed record SignalChanges(IReadOnlyList<PlannedSignal> Inserts, IReadOnlyList<(SignalId Id, PlannedSignal Plan)> Updates, IReadOnlyList<SignalId> Deletes)
{
    public static SignalChanges None { get; } = new([], [], []);

    /// <summary>True when re-planning writes nothing.</summary>
    public bool IsEmpty => Inserts.Count == 0 && Updates.Count == 0 && Deletes.Count == 0;
}

/// <summary>
/// Compares what the card ladder plans for a clock now with the clock's stored ladder signals (same rule and level = the
/// same signal). Only signals still ahead may change: one already fired, or due by <c>now</c> but not yet swept (the
/// subject was late before it changed), stays as it is and is not planned again. An accumulation red card
/// (<see cref="SignalRules.YellowAccumulation"/>) is not the ladder's and is never withdrawn by it.
/// </summary>
public static class SignalReplan
{
    public static SignalChanges Diff(IReadOnlyList<PlannedSignal> planned, IReadOnlyCollection<StoredSignal> stored, Instant now)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(stored);
        var updates = new List<(SignalId, PlannedSignal)>();
        var deletes = new List<SignalId>();
        foreach (var row in stored.Where(r => r.FiredAt is null && r.DueAt > now))
        {
            if (planned.FirstOrDefault(p => p.Rule == row.Rule && p.Level == row.Level) is { } plan)
            {
                if (plan.DueAt != row.DueAt || plan.Basis != row.Basis)
                {
                    updates.Add((row.Id, plan));
                }
            }
            else if (row.Rule != SignalRules.YellowAccumulation)
            {
                deletes.Add(row.Id);
            }
        }

        var inserts = planned.Where(p => !stored.Any(r => r.Rule == p.Rule && r.Level == p.Level)).ToList();
        return inserts.Count == 0 && updates.Count == 0 && deletes.Count == 0 ? SignalChanges.None : new SignalChanges(inserts, updates, deletes);
    }
}
