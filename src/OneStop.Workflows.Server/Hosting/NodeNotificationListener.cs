using System.Threading.Channels;
using Npgsql;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>Something every server node must hear of: a PostgreSQL <c>NOTIFY</c> channel and what to do with its payloads.</summary>
public interface INodeNotificationHandler
{
    /// <summary>The channel name (a plain identifier).</summary>
    string Channel { get; }

    Task HandleAsync(string payload, CancellationToken ct);
}

/// <summary>
/// Every node on PostgreSQL holds one connection that <c>LISTEN</c>s on each <see cref="INodeNotificationHandler.Channel"/>
/// and hands each payload to its handler, one at a time in arrival order (PostgreSQL delivers a notification only when
/// the transaction that sent it commits). PostgreSQL is the one thing the nodes share, so it is their backplane. If the
/// connection drops it reconnects (1 s, then up to 30 s apart); what was announced meanwhile is missed, so handlers must
/// only speed things up (live pushes, cache refreshes), never be the only path. On SQLite (one node) it does nothing.
/// </summary>
public sealed class NodeNotificationListener(
    OneStopDatabaseOptions database, IEnumerable<INodeNotificationHandler> handlers, ILogger<NodeNotificationListener> logger) : BackgroundService
{
    private readonly Dictionary<string, INodeNotificationHandler> _handlers = handlers.ToDictionary(h => h.Channel, StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first <c>LISTEN</c>s are in place (at once on SQLite); tests wait for it.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.PostgreSql || _handlers.Count == 0)
        {
            _listening.TrySetResult();
            return;
        }

        var received = Channel.CreateUnbounded<(string Channel, string Payload)>(new UnboundedChannelOptions { SingleReader = true });
        var handling = HandleReceivedAsync(received.Reader, stoppingToken);
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Its own connection, outside the pool: it lives as long as the node and is closed, not pooled, when it stops.
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => received.Writer.TryWrite((e.Channel, e.Payload));
                foreach (var channel in _handlers.Keys)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening to the other server nodes on PostgreSQL channels {Channels}", string.Join(", ", _handlers.Keys));
                _listening.TrySetResult();
                delay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The node notification listener lost its PostgreSQL connection; reconnecting in {Delay}", delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }

        received.Writer.TryComplete();
        await handling;
    }

    private async Task HandleReceivedAsync(ChannelReader<(string Channel, string Payload)> received, CancellationToken ct)
    {
        try
        {
            await foreach (var (channel, payload) in received.ReadAllAsync(ct))
            {
                try
                {
                    await _handlers[channel].HandleAsync(payload, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Handling a notification on {Channel} failed", channel);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
