using Microsoft.Extensions.Logging;
using NodaTime;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>
/// Told after every change of the simulated clock, before <c>POST /api/admin/clock</c> answers (e.g. the deadline sweeper),
/// so that whatever became due has happened when the call returns. Register as many as needed (singletons or scoped).
/// </summary>
public interface IClockChangeListener
{
    Task ClockChangedAsync(Instant now, CancellationToken ct);
}

/// <summary>Tells the registered <see cref="IClockChangeListener"/>s, one after another, about a clock change.</summary>
public static class ClockTick
{
    /// <summary>Awaits every listener in turn; a failing listener is logged and does not stop the others. Returns how many failed.</summary>
    public static async Task<int> NotifyAsync(IEnumerable<IClockChangeListener> listeners, Instant now, ILogger logger, CancellationToken ct)
    {
        var failed = 0;
        foreach (var listener in listeners)
        {
            try
            {
                await listener.ClockChangedAsync(now, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                logger.LogError(ex, "Clock change listener {Listener} failed after the clock moved to {Now}", listener.GetType().FullName, now);
            }
        }

        return failed;
    }
}
