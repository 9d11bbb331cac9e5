using BenchmarkDotNet.Attributes;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Testing.InMemory;

namespace OneStop.Workflows.Benchmarks;

/// <summary>
/// One "case" = start the fork/join sample (Start → Fork(3) → 3 × Event → Join(WaitAll) → End) and
/// resume its three bookmarks until it finishes.
/// </summary>
[MemoryDiagnoser]
public class ForkJoinBenchmarks
{
    private CompiledWorkflow _workflow = null!;
    private WorkflowHost _host = null!;
    private InMemoryWorkflowStore _store = null!;
    private readonly Instant _now = Instant.FromUtc(2025, 9, 26, 1, 0);
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "fork-join-sample.json"));
        var catalogue = ActivityCatalogue.CreateDefault();
        _workflow = WorkflowCompiler.Compile(json, catalogue, new DefinitionIdentity("fork-join-sample", 1, "v1")).Workflow
            ?? throw new InvalidOperationException("The sample does not compile.");
        _store = new InMemoryWorkflowStore();
        var clock = new FakeClock(_now);
        var service = new DefinitionService(_store, catalogue, clock);
        if (!service.SaveAsync(json, publish: true, CancellationToken.None).GetAwaiter().GetResult().Succeeded)
        {
            throw new InvalidOperationException("The sample could not be saved.");
        }

        _host = new WorkflowHost(_store, _store, new CompiledWorkflowCache(catalogue), clock);
    }

    /// <summary>The pure runner: start and three resumes, no store.</summary>
    [Benchmark]
    public WorkflowStatus Runner_ForkJoinCase()
    {
        var step = FlowchartRunner.Start(_workflow, _now);
        var state = step.State;
        var open = step.OpenBookmarks;
        foreach (var bookmark in step.OpenBookmarks.ToList())
        {
            var next = FlowchartRunner.Resume(_workflow, state, open, bookmark.Id, null, _now);
            state = next.State;
            open = next.OpenBookmarks;
        }

        return state.Status;
    }

    /// <summary>
    /// Through the engine's host (load, run, commit with version check, idempotency record) on the in-memory store;
    /// the finished instance is then dropped so that the store stays at a steady size.
    /// </summary>
    [Benchmark(Baseline = true)]
    public async Task<WorkflowStatus> Host_ForkJoinCase()
    {
        var started = await _host.StartAsync("fork-join-sample", null, CancellationToken.None);
        var id = WorkflowInstanceId.TryParse(started.Summary!.InstanceId, out var parsed) ? parsed : throw new InvalidOperationException();
        var status = started.Summary.Status;
        foreach (var bookmark in started.Summary.Bookmarks)
        {
            BookmarkId.TryParse(bookmark.Id, out var bookmarkId);
            var resumed = await _host.ResumeAsync(id, bookmarkId, null, $"k{++_counter}", CancellationToken.None);
            status = resumed.Summary!.Status;
        }

        _store.Forget(id);
        return status;
    }
}
