using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Hosting;

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
        await using var otherNode = new OneStopApiFactory("PostgreSql", Factory.ConnectionString);
        using var otherClerk = await otherNode.CreateClientAsAsync("clerk.market");
        await otherNode.Services.GetRequiredService<NodeNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var request = new { start = "2026-12-30", budget = 3, unit = "WorkingDays" };
        var before = await CaseDriver.Json(await otherClerk.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK);
        before["due"]!.GetValue<string>().Should().Be("2027-01-04", "2027 has no data yet: Monday–Friday");
        before["provisional"]!.GetValue<bool>().Should().BeTrue();

        await CaseDriver.Json(await admin.PutAsJsonAsync("/api/calendar/2027", new
        {
            restDays = new[] { new { from = "2027-01-01", to = "2027-01-04" }, new { from = "2027-10-01", to = "2027-10-07" } },
            makeUpWorkingDays = Array.Empty<string>(),
            source = "Test notice for 2027",
            reason = "2027 notice published",
        }), HttpStatusCode.OK);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var after = before;
        while (after["provisional"]!.GetValue<bool>() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            after = await CaseDriver.Json(await otherClerk.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK);
        }

        after["provisional"]!.GetValue<bool>().Should().BeFalse("the other node reloaded its calendar when the import committed");
        after["due"]!.GetValue<string>().Should().Be("2027-01-06", "01-01..01-04 are now rest days: the working days counted are 12-31, 01-05 and 01-06");
    }
}
