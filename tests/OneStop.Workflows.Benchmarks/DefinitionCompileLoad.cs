using System.Diagnostics;
using System.Globalization;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Benchmarks;

/// <summary>
/// Validate + compile of large definitions (issue 8, finding 4), not a BenchmarkDotNet benchmark:
/// <c>dotnet run -c Release --project tests/OneStop.Workflows.Benchmarks -- definitions [--sizes 500,1000,2000] [--runs 5] [--budget-seconds 60]</c>.
/// For each size it builds two definitions the way the Studio saves them (designer metadata included): a <b>chain</b>
/// (Start → WriteLine × (n − 2) → End) and a <b>wide fork</b> (Start → Fork with n − 4 branches → one Event per branch →
/// Join → End), and times reading the JSON text and compiling it (<see cref="WorkflowCompiler"/>, what a save does before
/// it touches the store), without the server's caps. After a two-second warm-up on small definitions, one warm-up run per size, then <c>--runs</c> timed runs, each after a full garbage collection (so one run's garbage is not charged to the next) (fewer once a shape has used up its budget).
/// Prints a Markdown table.
/// </summary>
internal static class DefinitionCompileLoad
{
    /// <summary>
    /// The engine is measured with no caps (<see cref="DefinitionLimits.None"/>): the server's default cap
    /// (<c>Definitions:MaxActivities</c> = 1,000) would refuse the 2,000-activity sizes before compiling them.
    /// </summary>
    private static readonly DefinitionLimits Limits = DefinitionLimits.None();

    public static int Run(string[] args)
    {
        var sizes = Option(args, "--sizes", "500,1000,2000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var budget = TimeSpan.FromSeconds(int.Parse(Option(args, "--budget-seconds", "60"), CultureInfo.InvariantCulture));
        if (sizes.Any(s => s < 5) || runs <= 0)
        {
            Console.Error.WriteLine("Expected --sizes of at least 5 activities and --runs > 0.");
            return 2;
        }

        var catalogue = ActivityCatalogue.CreateDefault();
        WarmUp(catalogue);
        Console.WriteLine("| Shape | Activities | Connections | JSON KB | Runs | Median ms | Min ms | Max ms | µs per activity (median) | Median CPU ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (shape, build) in new (string, Func<int, string>)[] { ("chain", Chain), ("wide fork", WideFork) })
        {
            var spent = TimeSpan.Zero;
            foreach (var size in sizes)
            {
                if (spent > budget)
                {
                    Console.WriteLine($"| {shape} | {size:N0} | | | 0 | skipped: the budget of {budget.TotalSeconds:N0} s is used up | | | |");
                    continue;
                }

                var json = build(size);
                var (timings, cpu) = Measure(json, catalogue, runs, budget - spent, out var activities, out var connections);
                spent += TimeSpan.FromMilliseconds(timings.Sum());
                var median = Median(timings);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {shape} | {activities:N0} | {connections:N0} | {json.Length / 1024.0:N0} | {timings.Count} | {median:N2} | {timings.Min():N2} | {timings.Max():N2} | {median * 1000 / activities:N2} | {Median(cpu):N2} |"));
            }
        }

        return 0;
    }

    /// <summary>
    /// Times <c>runs</c> read + compile passes after one warm-up (the warm-up is timed too and counts when it is the only
    /// run): wall-clock milliseconds, and the process's CPU milliseconds (all threads: the pass, GC, JIT), which a busy
    /// shared machine inflates less than wall time.
    /// </summary>
    private static (List<double> Wall, List<double> Cpu) Measure(string json, ActivityCatalogue catalogue, int runs, TimeSpan budget, out int activities, out int connections)
    {
        var timings = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        var identity = new DefinitionIdentity("bench", 1, "bench-v1");
        var warmUp = Stopwatch.StartNew();
        var result = WorkflowCompiler.Compile(json, catalogue, identity, Limits);
        warmUp.Stop();
        var workflow = result.Workflow ?? throw new InvalidOperationException(
            "The generated definition does not compile: " + string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Path} {e.Code}")));
        activities = workflow.Activities.Count;
        connections = workflow.Activities.Sum(a => a.Outgoing.Count);
        if (warmUp.Elapsed * (runs + 1) > budget)
        {
            return ([warmUp.Elapsed.TotalMilliseconds], [double.NaN]);
        }

        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            WorkflowCompiler.Compile(json, catalogue, identity, Limits);
            timings.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        return (timings, cpu);
    }

    /// <summary>
    /// Compiles small definitions of both shapes for about two seconds first, so that tiered JIT compilation has
    /// promoted the hot methods before anything is timed (otherwise the first shape measured pays for it).
    /// </summary>
    private static void WarmUp(ActivityCatalogue catalogue)
    {
        var identity = new DefinitionIdentity("warm-up", 1, "warm-up-v1");
        var small = new[] { Chain(200), WideFork(200) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (var json in small)
            {
                WorkflowCompiler.Compile(json, catalogue, identity, Limits);
            }
        }
    }

    /// <summary>Start → WriteLine × (n − 2) → End.</summary>
    public static string Chain(int activities)
    {
        var builder = new FlowchartBuilder("bench-chain").Start("start");
        var previous = "start";
        for (var i = 1; i <= activities - 2; i++)
        {
            var id = $"w{i}";
            builder.WriteLine(id, $"step {i}").Connect(previous, id);
            previous = id;
        }

        return builder.End("end").Connect(previous, "end").Build();
    }

    /// <summary>Start → Fork(b1 … bk) → one Event per branch → Join (WaitAll) → End, k = n − 4.</summary>
    public static string WideFork(int activities)
    {
        var branches = Enumerable.Range(1, activities - 4).Select(i => $"b{i}").ToArray();
        var builder = new FlowchartBuilder("bench-fork").Start("start").Fork("fork", branches).Join("join", "WaitAll").End("end")
            .Connect("start", "fork").Connect("join", "end");
        foreach (var branch in branches)
        {
            builder.Event($"e-{branch}").Connect("fork", branch, $"e-{branch}").Connect($"e-{branch}", "join");
        }

        return builder.Build();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
