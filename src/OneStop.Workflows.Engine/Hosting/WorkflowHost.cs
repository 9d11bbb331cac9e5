using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>
/// Starts and resumes instances. One start or one resume is one store commit with a version check;
/// a conflict (another resume of the same instance committed first) retries from fresh state.
/// A resume carries an idempotency key: repeating it returns the first answer and changes nothing.
/// </summary>
public sealed class WorkflowHost(IWorkflowDefinitionStore definitions, IWorkflowInstanceStore instances, CompiledWorkflowCache workflows, IClock clock)
{
    /// <summary>Attempts before a resume gives up under contention (each attempt reloads fresh state).</summary>
    public const int MaxAttempts = 50;

    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Starts the published version (or the given published version) of a definition.</summary>
    public Task<HostOutcome> StartAsync(string definitionId, int? version, CancellationToken ct) =>
        StartAsync(new StartCommand(definitionId, version), ct);

    /// <summary>Resumes one open bookmark of an instance with the given input.</summary>
    public Task<HostOutcome> ResumeAsync(WorkflowInstanceId instanceId, BookmarkId bookmarkId, JsonObject? input, string idempotencyKey, CancellationToken ct) =>
        ResumeAsync(new ResumeCommand(instanceId, bookmarkId, input, idempotencyKey), ct);

    /// <summary>Starts an instance; the start and the caller's context commit together.</summary>
    /// <remarks>
    /// The published version is remembered per node when the store checks it at the commit: a start of a version that is
    /// no longer the published one writes nothing, and the host looks the published version up again.
    /// </remarks>
    public async Task<HostOutcome> StartAsync(StartCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var activity = EngineTelemetry.Source.StartActivity("workflow.start");
        activity?.SetTag("onestop.definition_id", command.DefinitionId);
        return await EngineTelemetry.MeasureAsync("start", activity, () => StartOnceAsync(command, ct));
    }

    private async Task<HostOutcome> StartOnceAsync(StartCommand command, CancellationToken ct)
    {
        var (definitionId, version) = (command.DefinitionId, command.Version);
        var remembered = version is null && instances.ChecksPublishedVersion ? workflows.FindPublished(definitionId) : null;
        if (remembered is not null)
        {
            try
            {
                return await StartAsync(command, remembered, publishedCheck: true, ct);
            }
            catch (PublishedVersionChangedException)
            {
                workflows.ForgetPublished(definitionId);
            }
        }

        var definition = version is { } v
            ? await definitions.FindVersionAsync(definitionId, v, ct)
            : await definitions.FindPublishedAsync(definitionId, ct);
        if (definition is null)
        {
            return HostOutcome.Fail(await definitions.FindLatestAsync(definitionId, ct) is null ? HostError.DefinitionNotFound : HostError.NoPublishedVersion);
        }

        if (!definition.IsPublished)
        {
            return HostOutcome.Fail(HostError.NoPublishedVersion);
        }

        if (version is null && instances.ChecksPublishedVersion)
        {
            workflows.RememberPublished(definition);
        }

        return await StartAsync(command, definition, publishedCheck: false, ct);
    }

    private async Task<HostOutcome> StartAsync(StartCommand command, StoredDefinition definition, bool publishedCheck, CancellationToken ct)
    {
        var workflow = workflows.Get(definition);
        var now = clock.GetCurrentInstant();
        var step = FlowchartRunner.Start(workflow, now, command.Input);
        var record = new InstanceRecord(command.InstanceId ?? WorkflowInstanceId.New(), definition.DefinitionId, definition.Id, definition.Version, step.State, 1, now, now);
        await instances.CommitAsync(new StepCommit(record, null, step.CreatedBookmarks, [], step.Journal, null, step.Effects, command.Context, publishedCheck), ct);
        return new(Summarise(record.Id, step), null);
    }

    /// <summary>Resumes one open bookmark; the step and the caller's context commit together.</summary>
    public async Task<HostOutcome> ResumeAsync(ResumeCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var activity = EngineTelemetry.Source.StartActivity("workflow.resume");
        activity?.SetTag("onestop.instance_id", command.InstanceId.ToString());
        return await EngineTelemetry.MeasureAsync("resume", activity, () => ResumeOnceAsync(command, activity, ct));
    }

    private async Task<HostOutcome> ResumeOnceAsync(ResumeCommand command, System.Diagnostics.Activity? activity, CancellationToken ct)
    {
        var (instanceId, bookmarkId, input, idempotencyKey) = (command.InstanceId, command.BookmarkId, command.Input, command.IdempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            // One session per attempt: the replay check, the load and the commit share a connection (one transaction on PostgreSQL).
            await using var session = await instances.OpenStepAsync(instanceId, idempotencyKey, ct);
            if (session.Idempotency is { } first)
            {
                return first.BookmarkId == bookmarkId
                    ? new(JsonSerializer.Deserialize<StepSummary>(first.ResultJson, SummaryJson), null, Replayed: true)
                    : HostOutcome.Fail(HostError.IdempotencyKeyReused);
            }

            if (session.Snapshot is not { } snapshot)
            {
                return HostOutcome.Fail(HostError.InstanceNotFound);
            }

            if (snapshot.OpenBookmarks.All(b => b.Id != bookmarkId))
            {
                return HostOutcome.Fail(HostError.BookmarkNotFound);
            }

            var workflow = await WorkflowOfAsync(snapshot.Instance, ct);
            activity?.SetTag("onestop.definition_version_id", snapshot.Instance.DefinitionVersionId);
            var now = clock.GetCurrentInstant();
            var step = FlowchartRunner.Resume(workflow, snapshot.Instance.State, snapshot.OpenBookmarks, bookmarkId, input, now);
            var summary = Summarise(instanceId, step);
            var record = snapshot.Instance with { State = step.State, Version = snapshot.Instance.Version + 1, UpdatedAt = now };
            var idempotency = new IdempotencyRecord(idempotencyKey, bookmarkId, JsonSerializer.Serialize(summary, SummaryJson), now);
            try
            {
                await session.CommitAsync(new StepCommit(record, snapshot.Instance.Version, step.CreatedBookmarks, step.RemovedBookmarks, step.Journal, idempotency, step.Effects, command.Context), ct);
                return new(summary, null);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another step of this instance committed first: back off briefly and retry from fresh state.
                EngineTelemetry.StepConflicts.Add(1);
                activity?.SetTag("onestop.attempts", attempt + 1);
                await session.DisposeAsync();
                await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 10)), ct);
            }
        }
    }

    /// <summary>The pinned version's compiled workflow: from the cache when compiled before (published versions never change).</summary>
    private async Task<CompiledWorkflow> WorkflowOfAsync(InstanceRecord instance, CancellationToken ct)
    {
        if (workflows.Find(instance.DefinitionVersionId) is { } compiled)
        {
            return compiled;
        }

        var definition = await definitions.FindByIdAsync(instance.DefinitionVersionId, ct)
            ?? throw new InvalidOperationException($"Instance {instance.Id} pins definition version {instance.DefinitionVersionId}, which is missing.");
        return workflows.Get(definition);
    }

    private static StepSummary Summarise(WorkflowInstanceId id, StepResult step) =>
        new(id.ToString(), step.State.Status, step.OpenBookmarks.Select(BookmarkSummary.From).ToList());
}
