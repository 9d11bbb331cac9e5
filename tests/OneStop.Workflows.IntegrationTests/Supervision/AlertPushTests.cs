using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Supervision;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// The live feed <c>/hubs/alerts</c>, spoken as a browser would: a WebSocket with the bearer token in <c>access_token</c>
/// and SignalR's JSON protocol (records end with 0x1E). The sweep pushes <c>alertRaised</c> to each recipient after commit.
/// </summary>
public sealed class AlertPushTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task AlertsHub_PushesAlertRaised_ToEachRecipient_AfterTheSweep()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var number = (await Driver.CaseAsync(id))["number"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var clerk = await ConnectAsync(await TokenAsync("clerk.market"), timeout.Token);
        using var head = await ConnectAsync(await TokenAsync("head.market"), timeout.Token);
        await Factory.Services.GetRequiredService<NodeNotificationListener>().Listening.WaitAsync(timeout.Token);

        // 10-10 00:00: the step prompt (reviewer.market) and step yellow (head.market, supervisor) of the market review,
        // and the case prompt (clerk.market).
        SetClock("2025-10-10T00:00:00");
        var outcome = await Factory.Services.GetRequiredService<SupervisionSweep>().RunAsync(CancellationToken.None);
        outcome.Should().Be(new SweepOutcome(3, 4));

        var toClerk = await clerk.NextAlertAsync(timeout.Token);
        toClerk["rule"]!.GetValue<string>().Should().Be("case.promise.prompt");
        toClerk["level"]!.GetValue<string>().Should().Be("Prompt");
        toClerk["caseNumber"]!.GetValue<string>().Should().Be(number);
        toClerk["caseId"]!.GetValue<string>().Should().Be(id);
        toClerk["acknowledgedAt"].Should().BeNull();

        var toHead = await head.NextAlertAsync(timeout.Token);
        toHead["rule"]!.GetValue<string>().Should().Be("step.yellow");
        toHead["basis"]!.GetValue<string>().Should().Contain("2025-10-09");
    }

    [Fact]
    public async Task AlertsHub_OnAnotherNode_PushesTheAlertsOfASweepOnThisNode()
    {
        SetClock("2025-09-26T09:00:00");
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        await using var otherNode = new OneStopApiFactory("PostgreSql", Factory.ConnectionString);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var otherClient = await otherNode.CreateClientAsAsync("clerk.market");
        using var clerk = await ConnectAsync(otherNode, otherClient.DefaultRequestHeaders.Authorization!.Parameter!, timeout.Token);
        await otherNode.Services.GetRequiredService<NodeNotificationListener>().Listening.WaitAsync(timeout.Token);
        await Factory.Services.GetRequiredService<NodeNotificationListener>().Listening.WaitAsync(timeout.Token);

        SetClock("2025-10-10T00:00:00");
        var outcome = await Factory.Services.GetRequiredService<SupervisionSweep>().RunAsync(CancellationToken.None);
        outcome.SignalsRaised.Should().Be(3, "the sweep ran on this node, not on the other");

        var toClerk = await clerk.NextAlertAsync(timeout.Token);
        toClerk["rule"]!.GetValue<string>().Should().Be("case.promise.prompt");
        toClerk["caseId"]!.GetValue<string>().Should().Be(id);
    }

    [Fact]
    public async Task AlertsHub_RefusesAnonymousAndBadTokens()
    {
        await Driver.As("clerk.market"); // starts the server
        var anonymous = async () => await Factory.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/hubs/alerts"), CancellationToken.None);
        (await anonymous.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("401");
        var forged = async () => await Factory.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/hubs/alerts?access_token=forged"), CancellationToken.None);
        (await forged.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("401");
    }

    private async Task<string> TokenAsync(string user) => (await Driver.As(user)).DefaultRequestHeaders.Authorization!.Parameter!;

    private Task<HubClient> ConnectAsync(string token, CancellationToken ct) => ConnectAsync(Factory, token, ct);

    private static async Task<HubClient> ConnectAsync(OneStopApiFactory node, string token, CancellationToken ct)
    {
        var socket = await node.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri($"ws://localhost/hubs/alerts?access_token={Uri.EscapeDataString(token)}"), ct);
        var client = new HubClient(socket);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, ct);
        (await client.ReceiveRecordAsync(ct)).Should().Be("{}", "the server accepts the JSON protocol");
        return client;
    }

    /// <summary>One hub connection: reads SignalR records (a frame may hold several) in order.</summary>
    private sealed class HubClient(WebSocket socket) : IDisposable
    {
        private readonly Queue<string> _records = new();
        private readonly StringBuilder _text = new();
        private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

        /// <summary>The arguments of the next <c>alertRaised</c> invocation (pings and other messages skipped).</summary>
        public async Task<JsonObject> NextAlertAsync(CancellationToken ct)
        {
            while (true)
            {
                var message = JsonNode.Parse(await ReceiveRecordAsync(ct))!.AsObject();
                if (message["type"]!.GetValue<int>() == 1 && message["target"]!.GetValue<string>() == AlertsHub.AlertRaised)
                {
                    return message["arguments"]![0]!.AsObject();
                }
            }
        }

        public async Task<string> ReceiveRecordAsync(CancellationToken ct)
        {
            var buffer = new byte[8192];
            var chars = new char[8192];
            while (_records.Count == 0)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"The hub closed the connection: {result.CloseStatus} {result.CloseStatusDescription}");
                }

                _text.Append(chars, 0, _utf8.GetChars(buffer, 0, result.Count, chars, 0));
                var all = _text.ToString();
                var end = all.LastIndexOf(RecordSeparator);
                if (end >= 0)
                {
                    foreach (var record in all[..end].Split(RecordSeparator))
                    {
                        _records.Enqueue(record);
                    }

                    _text.Clear().Append(all[(end + 1)..]);
                }
            }

            return _records.Dequeue();
        }

        public void Dispose() => socket.Dispose();
    }
}
