using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Approval;
using OneStop.Workflows.Server.Features.Catalogue;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Catalogue;

/// <summary>
/// Issue 9 (server CPU per case): every node keeps the service items its steps and submissions read
/// (<see cref="ServiceItemCache"/>, ADR 0012). An administrator's change on one node must reach the next submission and the
/// next case step on that node at once, and on a second node on the same database when the change's notification arrives.
/// </summary>
public sealed class ServiceItemsAcrossNodes_Issue9Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    private const string Item = "company-establishment"; // lead window: market; promised limit 1 working day

    [Fact]
    public async Task ItemChangedOnOneNode_ReachesTheNextSubmissionAndStep_OnBothNodes()
    {
        var forgotten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var otherNodeFactory = new OneStopApiFactory("PostgreSql", Factory.ConnectionString);
        await using var otherNode = otherNodeFactory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            ObserveItemChanges(services, payload =>
            {
                if (payload == Item)
                {
                    forgotten.TrySetResult();
                }
            })));
        using var otherClerk = await otherNode.CreateClientAsAsync("clerk.market");
        await otherNode.Services.GetRequiredService<NodeNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));

        // Both nodes read (and keep) the item as seeded.
        var before = await PromisedCompletionAsync(otherClerk);
        (await PromisedCompletionAsync(await Driver.As("clerk.market"))).Should().Be(before);

        var admin = await Driver.As("admin");
        var body = System.Text.Json.JsonSerializer.SerializeToNode(DemoCentre.Items.Single(i => i.Code == Item).Data, WebJson)!.AsObject();
        body["code"] = Item;
        body["promisedLimit"] = JsonNode.Parse("""{"value":3,"unit":"WorkingDays"}""");
        (await admin.PutAsJsonAsync($"/api/service-items/{Item}", body)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The changing node forgot its copy when the change committed.
        var after = await PromisedCompletionAsync(await Driver.As("clerk.market"));
        after.Should().NotBe(before, "the promised limit went from 1 to 3 working days");

        // The other node's handler has run for this announcement (a timeout here: it never heard of the change).
        await forgotten.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var (caseId, promised) = await SubmitAsync(otherClerk);
        promised.Should().Be(after, "the other node read the changed item for its next submission");

        // The acceptance step on the other node starts the case clock with the item's new promised limit.
        var acceptance = await AcceptanceTaskAsync(otherClerk, caseId);
        await HttpJson.ReadAsync(await otherClerk.PostAsJsonAsync($"/api/tasks/{acceptance}/decision",
            new { outcome = "Accepted", opinion = "Materials complete 材料齐全", idempotencyKey = Guid.NewGuid().ToString("N") }), HttpStatusCode.OK);
        var clock = await ClockJson.CaseClockAsync(otherClerk, caseId);
        clock["promisedDue"]!.GetValue<string>().Should().Be(after, "accepted on the receipt day, the clock counts the same 3 working days");
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static async Task<string> PromisedCompletionAsync(HttpClient clerk) => (await SubmitAsync(clerk)).Promised;

    private static async Task<(string Id, string Promised)> SubmitAsync(HttpClient clerk)
    {
        var receipt = await HttpJson.ReadAsync(await clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application(Item)), HttpStatusCode.Created);
        return (receipt["id"]!.GetValue<string>(), receipt["promisedCompletion"]!.GetValue<string>());
    }

    private static async Task<string> AcceptanceTaskAsync(HttpClient clerk, string caseId) =>
        (await HttpJson.GetAsync(clerk, $"/api/cases/{caseId}"))["tasks"]!.AsArray().OfType<JsonObject>()
            .Single(t => t["kind"]!.GetValue<string>() == "Acceptance")["id"]!.GetValue<string>();

    /// <summary>Wraps the server's item-change handler so the test hears when it has handled a payload (no polling).</summary>
    private static void ObserveItemChanges(IServiceCollection services, Action<string> handled)
    {
        var registration = services.Single(d => d.ServiceType == typeof(INodeNotificationHandler) && d.ImplementationType == typeof(ServiceItemChangedHandler));
        services.Remove(registration);
        services.AddSingleton<INodeNotificationHandler>(sp => new Observed(ActivatorUtilities.CreateInstance<ServiceItemChangedHandler>(sp), handled));
    }

    private sealed class Observed(INodeNotificationHandler inner, Action<string> handled) : INodeNotificationHandler
    {
        public string Channel => inner.Channel;

        public async Task HandleAsync(string payload, CancellationToken ct)
        {
            await inner.HandleAsync(payload, ct);
            handled(payload);
        }
    }
}
