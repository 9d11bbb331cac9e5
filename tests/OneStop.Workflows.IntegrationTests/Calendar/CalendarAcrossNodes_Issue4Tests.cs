using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Calendar;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Calendar;

/// <summary>
/// Issue 4: each server node caches the calendar. A change made on one node is announced on PostgreSQL, so a second
/// node on the same database answers with the new calendar without a restart.
/// </summary>
public sealed class CalendarAcrossNodes_Issue4Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task ImportOnOneNode_ReachesTheOtherNodesCachedCalendar()
    {
        var admin = await Driver.As("admin");
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var otherNodeFactory = new OneStopApiFactory("PostgreSql", Factory.ConnectionString);
        await using var otherNode = otherNodeFactory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            NotifiedHandlers.Observe(services, (channel, payload) =>
            {
                if (channel == EffectiveCalendarStore.ChangedChannel && payload == "2027")
                {
                    reloaded.TrySetResult();
                }
            })));
        using var otherClerk = await otherNode.CreateClientAsAsync("clerk.market");
        await otherNode.Services.GetRequiredService<NodeNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var request = new { start = "2026-12-30", budget = 3, unit = "WorkingDays" };
        var before = await HttpJson.ReadAsync(await otherClerk.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK);
        before["due"]!.GetValue<string>().Should().Be("2027-01-04", "2027 has no data yet: Monday–Friday");
        before["provisional"]!.GetValue<bool>().Should().BeTrue();

        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2027", new
        {
            restDays = new[] { new { from = "2027-01-01", to = "2027-01-04" }, new { from = "2027-10-01", to = "2027-10-07" } },
            makeUpWorkingDays = Array.Empty<string>(),
            source = "Test notice for 2027",
            reason = "2027 notice published",
        }), HttpStatusCode.OK);

        // The other node's own handler has run for this announcement (a timeout here: it never heard of the change).
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var after = await HttpJson.ReadAsync(await otherClerk.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK);

        after["provisional"]!.GetValue<bool>().Should().BeFalse("the other node reloaded its calendar when the import committed");
        after["due"]!.GetValue<string>().Should().Be("2027-01-06", "01-01..01-04 are now rest days: the working days counted are 12-31, 01-05 and 01-06");
    }

    /// <summary>Wraps a server's node notification handlers so a test hears when one has handled a payload (no polling).</summary>
    private static class NotifiedHandlers
    {
        public static void Observe(IServiceCollection services, Action<string, string> handled)
        {
            foreach (var registration in services.Where(d => d.ServiceType == typeof(INodeNotificationHandler)).ToList())
            {
                services.Remove(registration);
                services.AddSingleton<INodeNotificationHandler>(sp => new Observed(Create(sp, registration), handled));
            }
        }

        private static INodeNotificationHandler Create(IServiceProvider sp, ServiceDescriptor registration) =>
            registration.ImplementationInstance as INodeNotificationHandler
            ?? registration.ImplementationFactory?.Invoke(sp) as INodeNotificationHandler
            ?? (INodeNotificationHandler)ActivatorUtilities.CreateInstance(sp, registration.ImplementationType!);

        private sealed class Observed(INodeNotificationHandler inner, Action<string, string> handled) : INodeNotificationHandler
        {
            public string Channel => inner.Channel;

            public async Task HandleAsync(string payload, CancellationToken ct)
            {
                await inner.HandleAsync(payload, ct);
                handled(Channel, payload);
            }
        }
    }
}
