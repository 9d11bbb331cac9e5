using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Testing.Http;
using static OneStop.Workflows.IntegrationTests.Clocks.ClockJson;

namespace OneStop.Workflows.IntegrationTests.Calendar;

/// <summary>The official calendar's routes and the deadline preview, on PostgreSQL.</summary>
public sealed class CalendarApiTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Theory]
    [InlineData("2025-09-26", 5, null, null, "2025-10-10", "2025-10-11T00:00:00+08:00")]
    [InlineData("2025-09-26", 20, null, null, "2025-10-30", "2025-10-31T00:00:00+08:00")]
    [InlineData("2025-09-26", 20, "2025-10-13", "2025-10-17", "2025-11-06", "2025-11-07T00:00:00+08:00")]
    [InlineData("2026-02-12", 5, null, null, "2026-02-26", "2026-02-27T00:00:00+08:00")]
    [InlineData("2025-12-31", 3, null, null, "2026-01-06", "2026-01-07T00:00:00+08:00")]
    [InlineData("2026-01-30", 45, null, null, "2026-04-10", "2026-04-11T00:00:00+08:00")]
    [InlineData("2026-01-30", 60, null, null, "2026-05-06", "2026-05-07T00:00:00+08:00")]
    public async Task Deadline_AnswersTheWorkedExample(string start, int budget, string? from, string? to, string due, string dueInstant)
    {
        var clerk = await Driver.As("clerk.market");
        var suspensions = from is null ? Array.Empty<object>() : [new { from, to }];

        var answer = await HttpJson.ReadAsync(await clerk.PostAsJsonAsync("/api/calendar/deadline", new { start, budget, unit = "WorkingDays", suspensions }), HttpStatusCode.OK);

        answer["due"]!.GetValue<string>().Should().Be(due);
        answer["dueInstant"]!.GetValue<string>().Should().Be(dueInstant);
        answer["provisional"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("{\"start\":\"2025-09-26\",\"budget\":5,\"unit\":\"WorkingDays\",\"suspensions\":[{\"from\":\"2025-10-17\",\"to\":\"2025-10-13\"}]}", "suspensions[0]")]
    [InlineData("{\"start\":\"2025-09-26\",\"budget\":-1,\"unit\":\"WorkingDays\"}", "budget")]
    [InlineData("{\"start\":\"2025-09-26\",\"budget\":100000,\"unit\":\"WorkingDays\"}", "budget")]
    [InlineData("{\"start\":\"2025-09-26\",\"budget\":5,\"unit\":\"Fortnights\"}", "unit")]
    [InlineData("{\"start\":\"26/09/2025\",\"budget\":5,\"unit\":\"WorkingDays\"}", "start")]
    [InlineData("{\"start\":\"2025-09-26\",\"budget\":5}", "unit")]
    public async Task Deadline_Returns400_ForBadInput(string body, string mentions)
    {
        var clerk = await Driver.As("clerk.market");

        var response = await clerk.PostAsync("/api/calendar/deadline", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(mentions);
    }

    [Fact]
    public async Task CalendarYear_IsShipped_AndAnImportMakesAProvisionalDeadlineFinal_Audited()
    {
        var admin = await Driver.As("admin");
        var year2025 = await HttpJson.ReadAsync(await admin.GetAsync("/api/calendar/2025"), HttpStatusCode.OK);
        year2025["workingDays"]!.GetValue<int>().Should().Be(248);
        (await admin.GetAsync("/api/calendar/2027")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var request = new { start = "2026-12-30", budget = 3, unit = "WorkingDays" };
        var before = await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK);
        before["provisional"]!.GetValue<bool>().Should().BeTrue();
        before["due"]!.GetValue<string>().Should().Be("2027-01-04");

        var import = await admin.PutAsJsonAsync("/api/calendar/2027", new
        {
            restDays = new[] { new { from = "2027-01-01", to = "2027-01-03" }, new { from = "2027-01-04", to = "2027-01-04" }, new { from = "2027-10-01", to = "2027-10-07" } },
            makeUpWorkingDays = Array.Empty<string>(),
            source = "test notice",
            reason = "2027 notice published",
        });
        await HttpJson.ReadAsync(import, HttpStatusCode.OK);

        var after = await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK);
        after["provisional"]!.GetValue<bool>().Should().BeFalse();
        after["due"]!.GetValue<string>().Should().Be("2027-01-06");
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEvents.Where(e => e.Action == "CalendarYearImported").ToListAsync();
        audit.Should().ContainSingle(e => e.Actor == "admin" && e.Subject == "2027" && e.Reason == "2027 notice published");
    }

    [Fact]
    public async Task CalendarImport_IsRefused_ForAClerk_AndForBadData()
    {
        var clerk = await Driver.As("clerk.market");
        var admin = await Driver.As("admin");
        var body = new { restDays = new[] { new { from = "2027-01-01", to = "2027-01-03" } }, makeUpWorkingDays = new[] { "2027-01-02" } };

        (await clerk.PutAsJsonAsync("/api/calendar/2027", body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.PutAsJsonAsync("/api/calendar/2027", body)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a day cannot be both rest and make-up");
        (await admin.PutAsJsonAsync("/api/calendar/2027", new { restDays = new[] { new { from = "2028-01-01", to = "2028-01-03" } } })).StatusCode
            .Should().Be(HttpStatusCode.BadRequest, "dates must lie in the year");
        (await admin.GetAsync("/api/calendar/2027")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was stored");
    }
}

/// <summary>A calendar import re-plans the pending signals of running clocks that reach the imported year.</summary>
public sealed class CalendarImportReplanTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task CalendarImport_MovesThePendingPromptOfAProvisionalClock()
    {
        Factory.Clock.Reset(NodaTime.Instant.FromUtc(2026, 12, 28, 1, 0)); // Monday 09:00 in Shanghai
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var admin = await Driver.As("admin");
        var before = await CaseClockAsync(admin, id);
        before["provisional"]!.GetValue<bool>().Should().BeTrue("5 working days from 2026-12-28 reach 2027, which has no data");
        before["promisedDue"]!.GetValue<string>().Should().Be("2027-01-04");
        (await PromptDueAsync(id)).Should().Be(NodaTime.Instant.FromUtc(2027, 1, 3, 16, 0));

        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2027", new { restDays = new[] { new { from = "2027-01-01", to = "2027-01-03" }, new { from = "2027-10-01", to = "2027-10-07" } }, makeUpWorkingDays = Array.Empty<string>() }), HttpStatusCode.OK);

        var after = await CaseClockAsync(admin, id);
        after["provisional"]!.GetValue<bool>().Should().BeFalse();
        after["promisedDue"]!.GetValue<string>().Should().Be("2027-01-05");
        (await PromptDueAsync(id)).Should().Be(NodaTime.Instant.FromUtc(2027, 1, 4, 16, 0), "the pending prompt moved with the new due day");
    }

    private async Task<NodaTime.Instant> PromptDueAsync(string caseId)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var id = Guid.Parse(caseId);
        return await db.Signals.Where(s => s.CaseId == id && s.Rule == Domain.Supervision.SignalRules.CasePrompt).Select(s => s.DueAt).SingleAsync();
    }
}
