namespace OneStop.Workflows.Engine.Runtime;

/// <summary>
/// The small, persisted state of an instance between steps. At rest every live token is an open
/// bookmark (stored beside it), so the state only needs the joins' arrivals and the journal counter.
/// </summary>
/// <param name="Status">Instance status after the last step.</param>
/// <param name="NextSequence">The sequence number the next journal entry gets.</param>
/// <param name="JoinArrivals">For each join that has not fired yet: the inbound connection indexes that have delivered a token.</param>
/// <param name="Incidents">Faults recorded on the instance.</param>
/// <param name="Input">The workflow input given at start (e.g. the case id and the refusal policy); activities read it.</param>
public sealed record InstanceState(
    WorkflowStatus Status,
    long NextSequence,
    IReadOnlyDictionary<string, int[]> JoinArrivals,
    IReadOnlyList<Incident> Incidents,
    System.Text.Json.Nodes.JsonObject? Input = null)
{
    public static InstanceState Initial { get; } = new(WorkflowStatus.Running, 1, new Dictionary<string, int[]>(), []);

    /// <summary>The state a new instance starts from, carrying its workflow input.</summary>
    public static InstanceState Starting(System.Text.Json.Nodes.JsonObject? input) => Initial with { Input = input };
}
