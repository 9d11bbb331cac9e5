using System.Threading.Channels;
using Npgsql;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Every node on PostgreSQL: holds one connection that <c>LISTEN</c>s on <see cref="PostgresAlertFanOut.Channel"/> and
/// pushes the announced alerts to this node's hub connections. If the connection drops it reconnects (1 s, then up to
/// 30 s apart); alerts announced meanwhile are not pushed live but stay in their recipients' lists, which clients read on
/// (re)connecting.
/// </summary>
public sealed class AlertNotificationListener(OneStopDatabaseOptions database, AlertPusher pusher, ILogger<AlertNotificationListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first <c>LISTEN</c> is in place (tests wait for it before sweeping).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            _listening.TrySetResult(); // one node on SQLite: the sweeping node pushes itself (LocalAlertFanOut)
            return;
        }

        var announced = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var pushing = PushAnnouncedAsync(announced.Reader, stoppingToken);
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => announced.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresAlertFanOut.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening for alerts of every node on PostgreSQL channel {Channel}", PostgresAlertFanOut.Channel);
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
                logger.LogWarning(ex, "The alert listener lost its PostgreSQL connection; reconnecting in {Delay}", delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }

        announced.Writer.TryComplete();
        await pushing;
    }

    private async Task PushAnnouncedAsync(ChannelReader<string> announced, CancellationToken ct)
    {
        try
        {
            await foreach (var payload in announced.ReadAllAsync(ct))
            {
                try
                {
                    await pusher.PushAsync(PostgresAlertFanOut.ParsePayload(payload), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Pushing announced alerts failed; they stay in their recipients' lists");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
