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
/// <remarks>
/// Issue 12 (found by the chaos suite's process crash): a node killed while Hangfire held the job's lock leaves the lock
/// row behind until it expires (<see cref="HangfireStorage"/> sets one minute). Registering then times out; that must not
/// stop the server from starting, so a failed registration is logged and retried in the background until it succeeds (the
/// job registered by an earlier start keeps its schedule meanwhile).
/// </remarks>
internal sealed class DeadlineSweepSchedule(IRecurringJobManager jobs, SupervisionOptions options, ILogger<DeadlineSweepSchedule> logger) : IHostedService, IDisposable
{
    /// <summary>How long to wait between attempts after a failed registration.</summary>
    internal static TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!TryRegister())
        {
            _retrying = RetryAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryDelay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await Task.Run(TryRegister, CancellationToken.None))
            {
                return;
            }
        }
    }

    private bool TryRegister()
    {
        try
        {
            jobs.AddOrUpdate<DeadlineSweepJob>(DeadlineSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.SweepCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            logger.LogInformation("Deadline sweep scheduled every {Seconds} s (cron '{Cron}')", options.SweepIntervalSeconds, options.SweepCron);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not register the deadline sweep (a lock left by a node that died, or the database is away); retrying in {Delay}", RetryDelay);
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _stopping.Dispose();
}
