using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OneStop.Workflows.Engine.Hosting;

/// <summary>
/// The engine's traces and metrics, in .NET's own types (no exporter here: the server chooses one, docs/operations.md,
/// "What to monitor"). A span per workflow start or resume; the step's duration by operation and outcome; conflict retries.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "OneStop.Workflows.Engine";

    /// <summary>Spans <c>workflow.start</c> and <c>workflow.resume</c>.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>One start or resume from its first load to its answer, retries included; tags <c>operation</c>, <c>outcome</c>.</summary>
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "onestop.workflow.step.duration", "s", "A workflow start or resume: load, run, commit (conflict retries included).");

    /// <summary>Resumes retried because another step of the same instance committed first.</summary>
    public static readonly Counter<long> StepConflicts = Meter.CreateCounter<long>(
        "onestop.workflow.step.conflicts", "{retry}", "Resumes retried because another step of the instance committed first.");

    /// <summary>Times <paramref name="step"/> and records its outcome (<c>committed</c>, <c>replayed</c>, the host error, or <c>exception</c>).</summary>
    internal static async Task<HostOutcome> MeasureAsync(string operation, Activity? activity, Func<Task<HostOutcome>> step)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "exception";
        try
        {
            var answer = await step();
            outcome = answer.Error is { } error ? error.ToString() : answer.Replayed ? "replayed" : "committed";
            return answer;
        }
        finally
        {
            activity?.SetTag("onestop.outcome", outcome);
            if (outcome == "exception")
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
