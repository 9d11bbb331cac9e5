using System.ComponentModel;
using Hangfire;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// The Hangfire job that runs one sweep (<see cref="SupervisionSweep"/>): raise every due signal, then push the new alerts.
/// Not retried: a failed sweep is repaired by the next one, since the schedule lives in our tables.
/// </summary>
public sealed class DeadlineSweepJob(SupervisionSweep sweep)
{
    public const string RecurringJobId = "deadline-sweep";

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Deadline sweep")]
    public async Task RunAsync(CancellationToken ct) => await sweep.RunAsync(ct);
}

/// <summary>
/// Registers (or updates) the recurring <see cref="DeadlineSweepJob"/> at start-up with the cron of
/// <c>Supervision:SweepIntervalSeconds</c>. Hangfire's recurring scheduler takes a distributed lock, so with several
/// nodes one job is enqueued per tick and any node's worker runs it.
/// </summary>
internal sealed class DeadlineSweepSchedule(IRecurringJobManager jobs, SupervisionOptions options, ILogger<DeadlineSweepSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<DeadlineSweepJob>(DeadlineSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.SweepCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        logger.LogInformation("Deadline sweep scheduled every {Seconds} s (cron '{Cron}')", options.SweepIntervalSeconds, options.SweepCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
