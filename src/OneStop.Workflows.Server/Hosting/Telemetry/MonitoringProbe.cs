using System.Diagnostics.Metrics;
using Hangfire;
using NodaTime;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.Supervision;

namespace OneStop.Workflows.Server.Hosting.Telemetry;

/// <param name="Interval">How often the probe counts (<c>Telemetry:ProbeSeconds</c>, default 30; 0 turns it off).</param>
/// <param name="Grace">How late a pending signal may be before it counts as overdue (<c>Telemetry:OverdueGraceSeconds</c>,
/// default twice the sweep interval, at least 60 s).</param>
public sealed record MonitoringProbeOptions(TimeSpan Interval, Duration Grace)
{
    public static MonitoringProbeOptions From(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Telemetry:ProbeSeconds", 30);
        var sweep = configuration.GetValue("Supervision:SweepIntervalSeconds", SupervisionOptions.DefaultSweepIntervalSeconds);
        var grace = configuration.GetValue("Telemetry:OverdueGraceSeconds", Math.Max(60, 2 * sweep));
        if (seconds < 0 || grace < 0)
        {
            throw new InvalidOperationException("Telemetry:ProbeSeconds and Telemetry:OverdueGraceSeconds are 0 or more.");
        }

        return new(TimeSpan.FromSeconds(seconds), Duration.FromSeconds(grace));
    }
}

/// <summary>
/// Counts what no request or job reports by itself, every <see cref="MonitoringProbeOptions.Interval"/>: the sweep's
/// backlog (<see cref="SignalBacklogProbe"/>: pending signals overdue beyond the grace — a stopped or lagging sweep shows
/// here first) and Hangfire's failed jobs (gauge <c>onestop.hangfire.jobs.failed</c>). Every node probes; the numbers are
/// the shared database's, so any node's answer will do.
/// </summary>
public sealed class MonitoringProbe(IServiceProvider services, MonitoringProbeOptions options, ILogger<MonitoringProbe> logger) : BackgroundService
{
    /// <summary>The name of the probe's <see cref="Meter"/>.</summary>
    public const string MeterName = "OneStop.Workflows.Server";

    private static readonly Meter Meter = new(MeterName);
    private static long _failedJobs = -1;

    static MonitoringProbe() =>
        Meter.CreateObservableGauge("onestop.hangfire.jobs.failed",
            () => Interlocked.Read(ref _failedJobs) is var n and >= 0 ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(),
            "{job}", "Hangfire jobs in the Failed state (the sweep is not retried: a failed sweep shows here).");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval <= TimeSpan.Zero)
        {
            return;
        }

        var backlog = services.GetRequiredService<SignalBacklogProbe>();
        var failing = false;
        using var timer = new PeriodicTimer(options.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await backlog.ProbeAsync(options.Grace, stoppingToken);
                if (services.GetService<JobStorage>() is { } storage)
                {
                    Interlocked.Exchange(ref _failedJobs, storage.GetMonitoringApi().FailedCount());
                }

                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                SignalBacklogProbe.Forget();
                Interlocked.Exchange(ref _failedJobs, -1);
                if (!failing)
                {
                    logger.LogWarning(e, "The monitoring probe could not count the signal backlog; it tries again every {Seconds} s", options.Interval.TotalSeconds);
                }

                failing = true;
            }
        }
    }
}
