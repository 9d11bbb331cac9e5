namespace OneStop.Workflows.Chaos.Invariants;

/// <summary>
/// One named invariant over the database after a scenario: how many things it looked at, how many broke it and the first
/// offending ids (cases, tasks, signals or idempotency keys), with a note on what exactly is checked.
/// </summary>
internal sealed record InvariantResult(string Name, long Checked, long Offending, IReadOnlyList<string> FirstOffenders, string Note)
{
    /// <summary>How many offending ids a result lists at most.</summary>
    public const int OffenderSample = 5;

    public bool Passed => Offending == 0;

    /// <summary>A row of the report's invariant table.</summary>
    public string Row() =>
        $"| {Name} | {(Passed ? "pass" : "**FAIL**")} | {Checked:N0} | {Offending:N0} | {(FirstOffenders.Count == 0 ? "—" : string.Join(", ", FirstOffenders))} | {Note} |";

    public const string Header = "| invariant | result | checked | offending | first offending ids | what |\n|---|---|---|---|---|---|";
}

/// <summary>
/// A request the server answered with a 2xx (the driver records each one): what was sent, as whom, with which idempotency
/// key, and what came back. A decision names its task; a submission names the case it created.
/// </summary>
internal sealed record Acknowledged(string Kind, string? CaseId, string? TaskId, string Key, string Path, string User, string Body, int Status, string Answer)
{
    public const string Decision = "decision";
    public const string Submission = "submission";
}

/// <summary>
/// What the check needs: the database, the server's <c>now</c> (its clock, not the database's), the sweep interval (a card
/// due before <c>now − interval − grace</c> and still pending is missing), the acknowledged requests and a way to re-send one
/// (null skips the replay invariant, e.g. when no server runs).
/// </summary>
internal sealed record InvariantInput(
    string ConnectionString,
    DateTimeOffset Now,
    TimeSpan SweepInterval,
    IReadOnlyCollection<Acknowledged> Acknowledged,
    Func<Acknowledged, CancellationToken, Task<(int Status, string Body)?>>? Resend,
    int ReplaySample = 50)
{
    /// <summary>Extra time a due card may take past one sweep interval (a sweep in progress, a slow batch).</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cases whose number starts with this are bulk-seeded (binary COPY, no workflow instance, no audit trail: scenario 3's
    /// signals sit on them) and are left out of "open tasks = open bookmarks" and "audit trail complete"; their signals are
    /// checked like any. Null (the default) checks every case.
    /// </summary>
    public string? SeededCasePrefix { get; init; }
}
