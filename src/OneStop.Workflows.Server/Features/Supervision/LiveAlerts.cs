using System.Collections.Concurrent;
using System.Collections.Immutable;
using OneStop.Workflows.Application.Supervision;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// The alert stream inside this node for the web UI's circuits: <see cref="AlertPusher"/> publishes every alert it
/// pushes over the hub here too, so a page open on any node hears its user's new alerts (the PostgreSQL backplane
/// already brings every committed alert to every node's pusher). Subscribers are called one by one; one that throws
/// does not stop the others. What a circuit misses (e.g. while reconnecting) it reads again from the alert list.
/// </summary>
public sealed class LiveAlerts(ILogger<LiveAlerts> logger)
{
    private readonly ConcurrentDictionary<string, ImmutableList<Func<AlertView, Task>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="onAlert"/> for each new alert of <paramref name="userName"/> until the subscription is disposed.</summary>
    public IDisposable Subscribe(string userName, Func<AlertView, Task> onAlert)
    {
        _subscribers.AddOrUpdate(userName, _ => [onAlert], (_, list) => list.Add(onAlert));
        return new Subscription(() => _subscribers.AddOrUpdate(userName, _ => [], (_, list) => list.Remove(onAlert)));
    }

    /// <summary>Hands <paramref name="alert"/> to its recipient's subscribers on this node.</summary>
    public async Task PublishAsync(string recipient, AlertView alert)
    {
        if (!_subscribers.TryGetValue(recipient, out var list))
        {
            return;
        }

        foreach (var onAlert in list)
        {
            try
            {
                await onAlert(alert);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A page subscribed to {Recipient}'s alerts failed on alert {Alert}", recipient, alert.Id);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
