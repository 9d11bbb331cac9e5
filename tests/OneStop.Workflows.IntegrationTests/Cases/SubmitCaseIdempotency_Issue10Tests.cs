using System.Net;
using System.Net.Http.Json;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>Issue 10 over HTTP: <c>POST /api/cases</c> with an <c>idempotencyKey</c>, and the receipt's dates.</summary>
public sealed class SubmitCaseIdempotency_Issue10Tests(PostgresServerFixture postgres, Xunit.Abstractions.ITestOutputHelper output) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task ARepeatedKey_Answers201WithTheFirstCase_AnotherApplicationWithIt409_AndABlankKey400()
    {
        var clerk = await Driver.As("clerk.market");
        var body = CaseDriver.Application("food-business-licence");
        body["idempotencyKey"] = "receipt-click-1";

        using var first = await clerk.PostAsJsonAsync("/api/cases", body);
        var receipt = await CaseDriver.Json(first, HttpStatusCode.Created);
        var before = await DatabaseSnapshot.TakeAsync(Factory);
        using var again = await clerk.PostAsJsonAsync("/api/cases", body);
        var replay = await CaseDriver.Json(again, HttpStatusCode.Created);
        var other = body.DeepClone().AsObject();
        other["deliveryMethod"] = "Mail";
        other["deliveryAddress"] = "北京市东城区 1 号";
        using var conflict = await clerk.PostAsJsonAsync("/api/cases", other);
        var refused = await CaseDriver.Json(conflict, HttpStatusCode.Conflict);
        body["idempotencyKey"] = " ";
        using var blank = await clerk.PostAsJsonAsync("/api/cases", body);
        var invalid = await CaseDriver.Json(blank, HttpStatusCode.BadRequest);

        output.WriteLine($"first: {receipt.ToJsonString()}\nreplay: {replay.ToJsonString()}\nconflict: {refused.ToJsonString()}");
        receipt["queryPassword"]!.GetValue<string>().Should().HaveLength(8);
        receipt["receiptDate"]!.GetValue<string>().Should().Be(receipt["number"]!.GetValue<string>()[..8].Insert(6, "-").Insert(4, "-"));
        receipt["promisedCompletionProjected"]!.GetValue<bool>().Should().BeTrue();
        receipt["replayed"]!.GetValue<bool>().Should().BeFalse();
        again.Headers.Location.Should().Be(first.Headers.Location);
        replay.ContainsKey("queryPassword").Should().BeFalse("the password is stored hashed: only the first answer carries it");
        replay["replayed"]!.GetValue<bool>().Should().BeTrue();
        foreach (var field in new[] { "id", "number", "status", "receiptDate", "receivedAt", "promisedCompletion", "promisedCompletionProjected" })
        {
            replay[field]!.ToJsonString().Should().Be(receipt[field]!.ToJsonString(), field);
        }

        refused["code"]!.GetValue<string>().Should().Be("case.idempotency-key-reused");
        invalid["errors"]!.AsObject().Select(e => e.Key).Should().Equal("idempotencyKey");
        (await DatabaseSnapshot.TakeAsync(Factory)).Should().Be(before, "neither the replay nor the refusals changed anything");
    }
}

/// <summary>The same race on the embedded default, SQLite (one writer at a time; the loser's insert hits the case id).</summary>
public sealed class SqliteSubmitCaseIdempotency_Issue10Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-submitkey-").FullName;

    [Fact]
    public async Task ConcurrentSubmissionsWithOneKey_MakeOneCase()
    {
        await using var factory = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}");
        await using var driver = new CaseDriver(factory);
        var clerk = await driver.As("clerk.market");
        var body = CaseDriver.Application("food-business-licence");
        body["idempotencyKey"] = "sqlite-race";

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => clerk.PostAsJsonAsync("/api/cases", body))));

        var receipts = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var response in responses)
        {
            receipts.Add(await CaseDriver.Json(response, HttpStatusCode.Created));
            response.Dispose();
        }

        receipts.Select(r => r["id"]!.GetValue<string>()).Distinct().Should().ContainSingle();
        receipts.Count(r => r.ContainsKey("queryPassword")).Should().Be(1);
        var supervisor = await driver.As("supervisor");
        (await supervisor.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/cases"))!["totalCount"]!.GetValue<int>().Should().Be(1);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
