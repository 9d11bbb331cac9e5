using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.SimulatedTime;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Hosting;

/// <summary>
/// Issue 9 regression (the paced overload run collapsed when requests waited for pooled connections): API requests beyond
/// <c>RateLimits:MaxRequestsInFlight</c> wait in line, and beyond <c>RateLimits:RequestQueueLimit</c> get a fast 503.
/// A clock-change listener that waits for the test holds one request in flight.
/// </summary>
public sealed class RequestsInFlight_Issue9Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-inflight-").FullName;

    [Fact]
    public async Task BeyondTheQueue_AnApiRequestIs503Busy_AtOnce_AndAfterTheHeldOneFinishesTheNextIsServed()
    {
        var gate = new GateListener();
        await using var server = new SimulatedClockFactory($"Data Source={Path.Combine(_folder, "onestop.db")}",
            configure: services => services.AddSingleton<IClockChangeListener>(gate),
            settings: new Dictionary<string, string?> { ["RateLimits:MaxRequestsInFlight"] = "1", ["RateLimits:RequestQueueLimit"] = "0" });
        var admin = await server.CreateClientAsAsync("admin");

        var held = admin.PostAsync("/api/admin/clock", new StringContent("""{"advanceBy":"PT1H"}""", System.Text.Encoding.UTF8, "application/json"));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var refused = await admin.GetAsync("/api/departments");
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await HttpJson.ReadAsync(refused, HttpStatusCode.ServiceUnavailable))["type"]!.GetValue<string>().Should().EndWith("/busy");
        (await server.CreateClient().GetAsync("/health")).StatusCode.Should().NotBe(HttpStatusCode.ServiceUnavailable, "only /api is limited");

        gate.Release.SetResult();
        (await held).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/api/departments")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class GateListener : IClockChangeListener
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task ClockChangedAsync(Instant now, CancellationToken ct)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(ct);
        }
    }
}
