namespace OneStop.Workflows.Engine.Runtime;

/// <summary>
/// The small, persisted state of an instance between steps. At rest every live token is an open
/// bookmark (stored beside it), so the state only needs the joins' arrivals and the journal counter.
/// </summary>
/// <param name="Status">Instance status after the last step.</param>
/// <param name="NextSequence">The sequence number the next journal entry gets.</param>
/// <param name="JoinArrivals">For each join that has not fired yet: the inbound connection indexes that have delivered a token.</param>
/// <param name="Incidents">Faults recorded on the instance.</param>
public sealed record InstanceState(
    WorkflowStatus Status,
    long NextSequence,
    IReadOnlyDictionary<string, int[]> JoinArrivals,
    IReadOnlyList<Incident> Incidents)
{
    public static InstanceState Initial { get; } = new(WorkflowStatus.Running, 1, new Dictionary<string, int[]>(), []);
}
