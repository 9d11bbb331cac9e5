using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Testing.Http;
using static OneStop.Workflows.IntegrationTests.Clocks.ClockJson;

namespace OneStop.Workflows.IntegrationTests.Calendar;

/// <summary>
/// Issue 4: a centre's regional adjustments (local rest days and make-up working days) on top of the national year, on PostgreSQL.
/// The example: a Guangxi centre rests on Mon 2026-04-20 and Tue 04-21 for 三月三 and works Sun 04-26 instead.
/// </summary>
public sealed class RegionalCalendar_Issue4Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    private const string Guangxi = "450000 广西壮族自治区";

    private static object Sanyuesan(bool withMakeUpDay = true, string reason = "三月三 notice published") => new
    {
        region = Guangxi,
        restDays = new[] { new { from = "2026-04-20", to = "2026-04-21", name = "三月三" } },
        makeUpWorkingDays = withMakeUpDay ? new[] { "2026-04-26" } : [],
        source = "广西壮族自治区人民政府办公厅 notice on the 2026 三月三 holiday",
        reason,
    };

    [Fact]
    public async Task RegionalAdjustments_AreShown_UsedByTheDeadline_AndRemoved_Audited()
    {
        var admin = await Driver.As("admin");
        var clerk = await Driver.As("clerk.market");
        var preview = new { start = "2026-04-16", budget = 5, unit = "WorkingDays" };
        (await DueAsync(clerk, preview)).Should().Be("2026-04-23", "nationally 17, 20, 21, 22 and 23 April count");

        var set = await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026/regional", Sanyuesan()), HttpStatusCode.OK);

        set["regional"]!["region"]!.GetValue<string>().Should().Be(Guangxi);
        var year = await HttpJson.ReadAsync(await clerk.GetAsync("/api/calendar/2026"), HttpStatusCode.OK);
        year["workingDays"]!.GetValue<int>().Should().Be(248, "the national count is unchanged");
        year["effectiveWorkingDays"]!.GetValue<int>().Should().Be(247, "two regional rest days, one regional make-up day");
        year["source"]!.GetValue<string>().Should().Be("State Council General Office notice of 2025-11-04");
        year["restDays"]!.AsArray().Should().HaveCount(7, "the national rest days are shown as they are");
        var regional = year["regional"]!.AsObject();
        var rest = regional["restDays"]!.AsArray().Single()!;
        (rest["from"]!.GetValue<string>(), rest["to"]!.GetValue<string>(), rest["name"]!.GetValue<string>()).Should().Be(("2026-04-20", "2026-04-21", "三月三"));
        regional["makeUpWorkingDays"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("2026-04-26");
        regional["source"]!.GetValue<string>().Should().StartWith("广西壮族自治区人民政府办公厅");
        var due = await HttpJson.ReadAsync(await clerk.PostAsJsonAsync("/api/calendar/deadline", preview), HttpStatusCode.OK);
        due["due"]!.GetValue<string>().Should().Be("2026-04-26", "17, 22, 23, 24 and the make-up Sunday 26 count");
        due["dueInstant"]!.GetValue<string>().Should().Be("2026-04-27T00:00:00+08:00");
        due["provisional"]!.GetValue<bool>().Should().BeFalse();

        var removed = await HttpJson.ReadAsync(await admin.DeleteAsync("/api/calendar/2026/regional?reason=notice%20withdrawn"), HttpStatusCode.OK);

        removed["regional"].Should().BeNull();
        removed["effectiveWorkingDays"]!.GetValue<int>().Should().Be(248);
        (await DueAsync(clerk, preview)).Should().Be("2026-04-23");
        (await HttpJson.ReadAsync(await admin.DeleteAsync("/api/calendar/2026/regional"), HttpStatusCode.OK))["regional"].Should().BeNull("removing nothing is not an error");

        var audit = await AuditAsync("RegionalAdjustmentsSet", "RegionalAdjustmentsRemoved");
        audit.Should().HaveCount(2, "one change each; removing nothing is not audited");
        var setEvent = audit.Single(e => e.Action == "RegionalAdjustmentsSet");
        setEvent.Actor.Should().Be("admin");
        setEvent.Subject.Should().Be("2026");
        setEvent.Reason.Should().Be("三月三 notice published");
        var setDetails = JsonNode.Parse(setEvent.Details!)!;
        setDetails["before"].Should().BeNull();
        JsonNode.Parse(setDetails["after"]!.GetValue<string>())!["restDays"]![0]!["name"]!.GetValue<string>().Should().Be("三月三");
        var removedEvent = audit.Single(e => e.Action == "RegionalAdjustmentsRemoved");
        removedEvent.Reason.Should().Be("notice withdrawn");
        var removedDetails = JsonNode.Parse(removedEvent.Details!)!;
        JsonNode.Parse(removedDetails["before"]!.GetValue<string>())!["region"]!.GetValue<string>().Should().Be(Guangxi);
        removedDetails["after"].Should().BeNull();
    }

    [Theory]
    [InlineData("""{"region":"","restDays":[{"from":"2026-04-20","to":"2026-04-21","name":"三月三"}],"source":"notice"}""", "region")]
    [InlineData("""{"restDays":[{"from":"2026-04-20","to":"2026-04-21","name":"三月三"}],"source":"notice"}""", "region")]
    [InlineData("""{"region":"450000","restDays":[{"from":"2026-04-20","to":"2026-04-21","name":"三月三"}]}""", "source")]
    [InlineData("""{"region":"450000","restDays":[{"from":"2027-04-20","to":"2027-04-21","name":"三月三"}],"source":"notice"}""", "restDays[0]")]
    [InlineData("""{"region":"450000","restDays":[{"from":"2026-04-21","to":"2026-04-20","name":"三月三"}],"source":"notice"}""", "restDays[0]")]
    [InlineData("""{"region":"450000","restDays":[{"from":"20/04/2026","to":"2026-04-21","name":"三月三"}],"source":"notice"}""", "restDays[0].from")]
    [InlineData("""{"region":"450000","restDays":[{"from":"2026-04-20","to":"2026-04-21"}],"source":"notice"}""", "restDays[0].name")]
    [InlineData("""{"region":"450000","restDays":[{"from":"2026-04-20","to":"2026-04-21","name":"a"},{"from":"2026-04-21","to":"2026-04-22","name":"b"}],"source":"notice"}""", "restDays[1]")]
    [InlineData("""{"region":"450000","restDays":[{"from":"2026-04-25","to":"2026-04-26","name":"三月三"}],"makeUpWorkingDays":["2026-04-26"],"source":"notice"}""", "makeUpWorkingDays[0]")]
    [InlineData("""{"region":"450000","makeUpWorkingDays":["2026-10-03"],"source":"notice"}""", "makeUpWorkingDays[0]")] // a national holiday
    [InlineData("""{"region":"450000","makeUpWorkingDays":["2026-04-26","2026-04-22"],"source":"notice"}""", "makeUpWorkingDays[1]")] // a Wednesday
    [InlineData("""{"region":"450000","makeUpWorkingDays":["2026-10-10"],"source":"notice"}""", "makeUpWorkingDays[0]")] // already national
    [InlineData("""{"region":"450000","restDays":[],"makeUpWorkingDays":[],"source":"notice"}""", "restDays")]
    public async Task RegionalAdjustments_Return400NamingTheField_AndChangeNothing(string body, string field)
    {
        var admin = await Driver.As("admin");
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026/regional", Sanyuesan()), HttpStatusCode.OK);

        var response = await admin.PutAsync("/api/calendar/2026/regional", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        await ExpectTheSanyuesanAdjustmentsAsync(admin);
        (await AuditAsync("RegionalAdjustmentsSet")).Should().HaveCount(1, "only the first, valid change");
    }

    [Fact]
    public async Task RegionalAdjustments_Return400_ForOversizedLists()
    {
        var admin = await Driver.As("admin");
        var days = Enumerable.Range(0, 51).Select(i => new LocalDate(2026, 1, 1).PlusDays(i * 2)).Select(NodaTime.Text.LocalDatePattern.Iso.Format).ToArray();

        var ranges = await admin.PutAsJsonAsync("/api/calendar/2026/regional",
            new { region = Guangxi, restDays = days.Select(d => new { from = d, to = d, name = "x" }), source = "notice" });
        var makeUp = await admin.PutAsJsonAsync("/api/calendar/2026/regional", new { region = Guangxi, makeUpWorkingDays = days, source = "notice" });

        (await HttpJson.ReadAsync(ranges, HttpStatusCode.BadRequest))["errors"]!["restDays"]!.ToJsonString().Should().Contain("At most 50");
        (await HttpJson.ReadAsync(makeUp, HttpStatusCode.BadRequest))["errors"]!["makeUpWorkingDays"]!.ToJsonString().Should().Contain("At most 50");
        (await HttpJson.ReadAsync(await admin.GetAsync("/api/calendar/2026"), HttpStatusCode.OK))["regional"].Should().BeNull();
    }

    [Fact]
    public async Task RegionalAdjustments_Return409_ForAYearWithoutNationalData_AndStoreNothing()
    {
        var admin = await Driver.As("admin");
        var body = new { region = Guangxi, restDays = new[] { new { from = "2027-04-09", to = "2027-04-10", name = "三月三" } }, source = "notice" };

        var put = await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2027/regional", body), HttpStatusCode.Conflict);

        put["code"]!.GetValue<string>().Should().Be("calendar.no-national-year");
        put["detail"]!.GetValue<string>().Should().Contain("no national calendar for 2027").And.Contain("provisional");
        (await admin.DeleteAsync("/api/calendar/2027/regional")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/api/calendar/2027")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was stored");
        (await AuditAsync("RegionalAdjustmentsSet", "RegionalAdjustmentsRemoved")).Should().BeEmpty();
        (await (await Driver.As("clerk.market")).PutAsJsonAsync("/api/calendar/2026/regional", Sanyuesan())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task NationalReimport_KeepsTheRegionalAdjustments_AndIsRefused_WhenANationalRestDayWouldCoverARegionalMakeUpDay()
    {
        var admin = await Driver.As("admin");
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026/regional", Sanyuesan()), HttpStatusCode.OK);
        var national = await HttpJson.ReadAsync(await admin.GetAsync("/api/calendar/2026"), HttpStatusCode.OK);
        var restDays = national["restDays"]!.AsArray().Select(r => new { from = r!["from"]!.GetValue<string>(), to = r["to"]!.GetValue<string>() }).ToList();
        var makeUp = national["makeUpWorkingDays"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();

        var reimported = await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026",
            new { restDays, makeUpWorkingDays = makeUp, source = "State Council notice, corrected", reason = "re-import" }), HttpStatusCode.OK);

        reimported["source"]!.GetValue<string>().Should().Be("State Council notice, corrected");
        reimported["regional"]!["region"]!.GetValue<string>().Should().Be(Guangxi, "a national re-import keeps the regional adjustments");
        reimported["effectiveWorkingDays"]!.GetValue<int>().Should().Be(247);

        var covering = await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026",
            new { restDays = restDays.Append(new { from = "2026-04-25", to = "2026-04-26" }), makeUpWorkingDays = makeUp, source = "wrong" }), HttpStatusCode.Conflict);

        covering["code"]!.GetValue<string>().Should().Be("calendar.regional-conflict");
        covering["detail"]!.GetValue<string>().Should().Contain("2026-04-26");
        await ExpectTheSanyuesanAdjustmentsAsync(admin);
        (await HttpJson.ReadAsync(await admin.GetAsync("/api/calendar/2026"), HttpStatusCode.OK))["source"]!.GetValue<string>().Should().Be("State Council notice, corrected");
        (await AuditAsync("CalendarYearImported")).Should().ContainSingle("the refused import is not stored");
    }

    [Fact]
    public async Task RegionalRestDay_MovesThePendingPromptOfARunningClock_AndRemovingItMovesItBack()
    {
        Factory.Clock.Reset(Instant.FromUtc(2026, 4, 13, 1, 0)); // Monday 09:00 in Shanghai
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var admin = await Driver.As("admin");
        (await CaseClockAsync(admin, id))["promisedDue"]!.GetValue<string>().Should().Be("2026-04-20", "5 working days: 14, 15, 16, 17 and 20 April");
        (await PromptDueAsync(id)).Should().Be(Instant.FromUtc(2026, 4, 19, 16, 0));

        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026/regional", Sanyuesan(withMakeUpDay: false)), HttpStatusCode.OK);

        var after = await CaseClockAsync(admin, id);
        after["promisedDue"]!.GetValue<string>().Should().Be("2026-04-22", "20 and 21 April are 三月三");
        after["provisional"]!.GetValue<bool>().Should().BeFalse();
        (await PromptDueAsync(id)).Should().Be(Instant.FromUtc(2026, 4, 21, 16, 0), "the pending prompt moved with the new due day");

        await HttpJson.ReadAsync(await admin.DeleteAsync("/api/calendar/2026/regional"), HttpStatusCode.OK);

        (await CaseClockAsync(admin, id))["promisedDue"]!.GetValue<string>().Should().Be("2026-04-20");
        (await PromptDueAsync(id)).Should().Be(Instant.FromUtc(2026, 4, 19, 16, 0), "removing the adjustments moves it back");
    }

    private static async Task<string> DueAsync(HttpClient client, object request) =>
        (await HttpJson.ReadAsync(await client.PostAsJsonAsync("/api/calendar/deadline", request), HttpStatusCode.OK))["due"]!.GetValue<string>();

    private static async Task ExpectTheSanyuesanAdjustmentsAsync(HttpClient client)
    {
        var year = await HttpJson.ReadAsync(await client.GetAsync("/api/calendar/2026"), HttpStatusCode.OK);
        year["regional"]!["restDays"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Equal("三月三");
        year["regional"]!["makeUpWorkingDays"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("2026-04-26");
        year["effectiveWorkingDays"]!.GetValue<int>().Should().Be(247);
    }

    private async Task<List<Domain.Audit.AuditEvent>> AuditAsync(params string[] actions)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => actions.Contains(e.Action)).OrderBy(e => e.At).ToListAsync();
    }

    private async Task<Instant> PromptDueAsync(string caseId)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var id = Guid.Parse(caseId);
        return await db.Signals.Where(s => s.CaseId == id && s.Rule == Domain.Supervision.SignalRules.CasePrompt).Select(s => s.DueAt).SingleAsync();
    }
}

/// <summary>Issue 4 on the embedded default (SQLite): regional adjustments are stored, survive a national re-import, and are removed.</summary>
public sealed class RegionalCalendarSqlite_Issue4Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-regional-").FullName;
    private Api.OneStopApiFactory _factory = null!;
    private CaseDriver _driver = null!;

    public Task InitializeAsync()
    {
        _factory = new Api.OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}");
        _driver = new CaseDriver(_factory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegionalAdjustments_OnSqlite_AreSetKeptAndRemoved()
    {
        var admin = await _driver.As("admin");
        var body = new
        {
            region = "650000 新疆维吾尔自治区",
            restDays = new[] { new { from = "2026-05-26", to = "2026-05-28", name = "古尔邦节 Corban" } },
            source = "新疆维吾尔自治区人民政府 notice",
        };

        (await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026/regional", body), HttpStatusCode.OK))["effectiveWorkingDays"]!.GetValue<int>().Should().Be(245);
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/calendar/2026", new
        {
            restDays = Domain.Calendar.ShippedCalendars.Year2026.RestDays.Select(r => new { from = Iso(r.From), to = Iso(r.To) }),
            makeUpWorkingDays = Domain.Calendar.ShippedCalendars.Year2026.MakeUpWorkingDays.Select(Iso),
            source = "re-import",
        }), HttpStatusCode.OK);
        var year = await HttpJson.ReadAsync(await admin.GetAsync("/api/calendar/2026"), HttpStatusCode.OK);
        year["regional"]!["region"]!.GetValue<string>().Should().Be("650000 新疆维吾尔自治区");
        (await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/calendar/deadline", new { start = "2026-05-25", budget = 1, unit = "WorkingDays" }), HttpStatusCode.OK))
            ["due"]!.GetValue<string>().Should().Be("2026-05-29");

        var removed = await HttpJson.ReadAsync(await admin.DeleteAsync("/api/calendar/2026/regional"), HttpStatusCode.OK);

        removed["regional"].Should().BeNull();
        removed["effectiveWorkingDays"]!.GetValue<int>().Should().Be(248);
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Iso(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
