using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OneStop.Workflows.Chaos.Scale;

/// <summary>
/// One live-alert connection (<c>/hubs/alerts</c>, the bearer token in the query string as a browser sends it) of one member
/// of staff to one node: counts every <c>alertRaised</c> it receives per alert id, so the scenario can tell a missing alert
/// from one delivered twice to the same connection.
/// </summary>
internal sealed class LiveAlertListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<Guid, int> _received = new();

    private LiveAlertListener(string name, HubConnection connection)
    {
        Name = name;
        _connection = connection;
        _connection.On<JsonElement>("alertRaised", alert =>
        {
            if (alert.TryGetProperty("id", out var id) && Guid.TryParse(id.GetString(), out var alertId))
            {
                _received.AddOrUpdate(alertId, 1, (_, n) => n + 1);
            }
        });
    }

    /// <summary>The connection's name in the report, e.g. "supervisor @ node B".</summary>
    public string Name { get; }

    /// <summary>How often each alert arrived on this connection.</summary>
    public IReadOnlyDictionary<Guid, int> Received => _received;

    public static async Task<LiveAlertListener> ConnectAsync(string name, Uri node, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "/hubs/alerts"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var listener = new LiveAlertListener(name, connection);
        await connection.StartAsync();
        return listener;
    }

    public HubConnectionState State => _connection.State;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
