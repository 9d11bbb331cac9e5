using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Catalogue;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Catalogue;

/// <summary>
/// Departments and the service catalogue over HTTP on PostgreSQL (production), a fresh database per test:
/// the demo centre's seed, the lists, and create/update with their validation, conflicts and audit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CatalogueScenarios(PostgresServerFixture postgres) : IAsyncLifetime
{
    private const string Admin = "admin";
    private const string Clerk = "clerk.market";

    private OneStopApiFactory _factory = null!;
    private string _connectionString = null!;

    private HttpClient Client { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.Server.CreateDatabaseAsync();
        _factory = new OneStopApiFactory("PostgreSql", _connectionString);
        Client = await CreateClientAsync(_factory, Admin);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Seed_CreatesFifteenDepartmentsAndSixItems_AndASecondStartSeedsNothingNew()
    {
        var departments = (await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/departments")))["items"]!.AsArray();
        var items = (await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items")))["items"]!.AsArray();

        departments.Select(d => d!["code"]!.GetValue<string>()).Should().BeEquivalentTo(DemoCentre.Departments.Select(d => d.Code));
        items.Select(i => i!["code"]!.GetValue<string>()).Should().BeEquivalentTo(DemoCentre.Items.Select(i => i.Code));
        (await AuditCount(_factory, "DepartmentSeeded")).Should().Be(15);
        (await AuditCount(_factory, "ServiceItemSeeded")).Should().Be(6);
        foreach (var (code, _) in DemoCentre.Items)
        {
            (await HttpJson.ReadSuccessAsync(await Client.GetAsync($"/api/workflow-definitions/{code}")))["isPublished"]!.GetValue<bool>()
                .Should().BeTrue("workflows/{0}.json is imported and published before the seed", code);
        }

        // Change a seeded item, then start a second server on the same database: nothing new, nothing overwritten.
        var body = Body("food-business-licence");
        body["name"] = "食品经营许可（改） Food business licence, renamed";
        (await Put("/api/service-items/food-business-licence", body)).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var second = new OneStopApiFactory("PostgreSql", _connectionString);
        using var secondClient = await CreateClientAsync(second, Admin);

        (await HttpJson.ReadSuccessAsync(await secondClient.GetAsync("/api/departments")))["items"]!.AsArray().Should().HaveCount(15);
        (await HttpJson.ReadSuccessAsync(await secondClient.GetAsync("/api/service-items")))["items"]!.AsArray().Should().HaveCount(6);
        (await AuditCount(second, "DepartmentSeeded")).Should().Be(15);
        (await AuditCount(second, "ServiceItemSeeded")).Should().Be(6);
        (await HttpJson.ReadSuccessAsync(await secondClient.GetAsync("/api/service-items/food-business-licence")))["name"]!.GetValue<string>()
            .Should().Be("食品经营许可（改） Food business licence, renamed");
    }

    [Fact]
    public async Task ListDepartments_ReturnsCodeNameAndParent_OrderedByCode()
    {
        var items = (await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/departments")))["items"]!.AsArray().Select(d => d!.AsObject()).ToList();

        items.Select(d => d["code"]!.GetValue<string>()).Should().BeInAscendingOrder(StringComparer.Ordinal);
        var market = items.Single(d => d["code"]!.GetValue<string>() == "market");
        market["name"]!.GetValue<string>().Should().Be("市场监督管理局 Market regulation");
        market["parentCode"]!.GetValue<string>().Should().Be("city");
        items.Single(d => d["code"]!.GetValue<string>() == "city")["parentCode"].Should().BeNull();
    }

    [Fact]
    public async Task GetServiceItem_ReturnsEveryField_WithEnumsAsStrings()
    {
        var item = await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/restaurant-opening"));

        item["code"]!.GetValue<string>().Should().Be("restaurant-opening");
        item["type"]!.GetValue<string>().Should().Be("AdministrativeLicence");
        item["leadDepartment"]!.GetValue<string>().Should().Be("market");
        item["coDepartments"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("fire", "urban", "water");
        item["handlingKind"]!.GetValue<string>().Should().Be("Promised");
        JsonNode.DeepEquals(item["statutoryLimit"], JsonNode.Parse("""{"value":45,"unit":"WorkingDays"}""")).Should().BeTrue();
        JsonNode.DeepEquals(item["statutoryExtension"], JsonNode.Parse("""{"value":15,"unit":"WorkingDays"}""")).Should().BeTrue();
        JsonNode.DeepEquals(item["promisedLimit"], JsonNode.Parse("""{"value":10,"unit":"WorkingDays"}""")).Should().BeTrue();
        item["jointHandling"]!.GetValue<bool>().Should().BeTrue();
        item["materials"]!.AsArray().Should().HaveCountGreaterThanOrEqualTo(2);
        item["materials"]![0]!["form"]!.GetValue<string>().Should().Be("Original");
        item["materials"]![0]!["requirement"]!.GetValue<string>().Should().Be("Required");
        item["materials"]![0]!["count"]!.GetValue<int>().Should().Be(1);
        item["refusalPolicy"]!.GetValue<string>().Should().Be("ReturnForCorrection");
        item["resultType"]!.GetValue<string>().Should().Be("Certificate");
        item["deliveryMethods"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain(["Pickup", "Mail"]);
        item["workflowDefinitionId"]!.GetValue<string>().Should().Be("restaurant-opening");
        item["updatedAt"]!.GetValue<string>().Should().Be("2025-09-26T01:00:00Z");
        item["version"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task GetServiceItem_Returns404ProblemDetails_WhenAbsent()
    {
        var response = await Client.GetAsync("/api/service-items/no-such-item");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await HttpJson.ProblemAsync(response))["status"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task CreateServiceItem_Returns201WithLocation_StoresAndAuditsIt()
    {
        var response = await Post("/api/service-items", NewItem());

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be("/api/service-items/outdoor-advertising");
        var created = await HttpJson.ReadSuccessAsync(response);
        created["version"]!.GetValue<long>().Should().Be(0);
        var loaded = await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/outdoor-advertising"));
        JsonNode.DeepEquals(loaded, created).Should().BeTrue();
        loaded["coDepartments"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("market");
        loaded["materials"]![1]!["count"]!.GetValue<int>().Should().Be(2);
        var audit = await Audits(_factory, AuditActions.ServiceItemCreated);
        audit.Should().ContainSingle().Which.Should().Match<Domain.Audit.AuditEvent>(a => a.Actor == Admin && a.Subject == "outdoor-advertising");
    }

    [Fact]
    public async Task CreateServiceItem_Returns409_WhenTheCodeExists()
    {
        var body = Body("eia-approval");
        body["name"] = "Another EIA approval";

        var response = await Post("/api/service-items", body);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await HttpJson.ProblemAsync(response))["type"]!.GetValue<string>().Should().EndWith("/conflict");
        (await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/eia-approval")))["name"]!.GetValue<string>().Should().NotBe("Another EIA approval");
        (await Audits(_factory, AuditActions.ServiceItemCreated)).Should().BeEmpty();
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "promise over statutory", """{"promisedLimit":{"value":30,"unit":"WorkingDays"}}""", "promisedLimit" },
        { "unknown lead department", """{"leadDepartment":"nosuch"}""", "leadDepartment" },
        { "unknown co-department", """{"coDepartments":["market","nosuch"]}""", "coDepartments" },
        { "lead among co-departments", """{"coDepartments":["urban"]}""", "coDepartments" },
        { "unpublished definition", """{"workflowDefinitionId":"no-such-definition"}""", "workflowDefinitionId" },
        { "missing name", """{"name":null}""", "name" },
        { "no delivery method", """{"deliveryMethods":[]}""", "deliveryMethods" },
        { "missing limit unit", """{"statutoryLimit":{"value":20}}""", "statutoryLimit.unit" },
        { "material without name", """{"materials":[{"form":"Copy","requirement":"Optional"}]}""", "materials[0].name" },
        { "unknown enum name", """{"refusalPolicy":"Sometimes"}""", "refusalPolicy" },
        { "enum as a number", """{"type":1}""", "type" },
        { "bad code", """{"code":"has spaces/and slashes"}""", "code" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateServiceItem_Returns400NamingTheField_AndStoresNothing(string kind, string change, string field)
    {
        var body = NewItem();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var response = await Post("/api/service-items", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, kind);
        (await HttpJson.ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field, kind);
        (await Client.GetAsync("/api/service-items/outdoor-advertising")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Audits(_factory, AuditActions.ServiceItemCreated)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("{\"code\": ")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task CreateServiceItem_Returns400_WhenTheBodyIsNotAJsonObject(string body)
    {
        var response = await Client.PostAsync("/api/service-items", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.ProblemAsync(response))["status"]!.GetValue<int>().Should().Be(400);
        (await Audits(_factory, AuditActions.ServiceItemCreated)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateServiceItem_Returns200WithTheNewVersion_AndAuditsTheChangedFields()
    {
        var body = Body("construction-permit");
        body["promisedLimit"] = JsonNode.Parse("""{"value":2,"unit":"WorkingDays"}""");
        body["deliveryMethods"] = new JsonArray("Pickup");
        _factory.Clock.AdvanceMinutes(5);

        var response = await Put("/api/service-items/construction-permit", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var updated = await HttpJson.ReadSuccessAsync(response);
        updated["version"]!.GetValue<long>().Should().Be(1);
        updated["updatedAt"]!.GetValue<string>().Should().Be("2025-09-26T01:05:00Z");
        updated["promisedLimit"]!["value"]!.GetValue<int>().Should().Be(2);
        updated["deliveryMethods"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("Pickup");
        JsonNode.DeepEquals(await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/construction-permit")), updated).Should().BeTrue();
        var audit = (await Audits(_factory, AuditActions.ServiceItemUpdated)).Should().ContainSingle().Subject;
        audit.Actor.Should().Be(Admin);
        JsonNode.Parse(audit.Details!)!["changed"]!.AsArray().Select(c => c!.GetValue<string>())
            .Should().BeEquivalentTo("promisedLimit", "deliveryMethods");
    }

    [Fact]
    public async Task UpdateServiceItem_ChangesNothing_WhenTheBodyEqualsTheItem()
    {
        var response = await Put("/api/service-items/eia-approval", Body("eia-approval"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await HttpJson.ReadSuccessAsync(response))["version"]!.GetValue<long>().Should().Be(0);
        (await Audits(_factory, AuditActions.ServiceItemUpdated)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateServiceItem_Returns404_WhenAbsent()
    {
        var body = NewItem();
        body.Remove("code");

        (await Put("/api/service-items/outdoor-advertising", body)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateServiceItem_Returns400AndKeepsTheItem_WhenInvalid()
    {
        var body = Body("food-business-licence");
        body["leadDepartment"] = "nosuch";
        body["promisedLimit"] = JsonNode.Parse("""{"value":25,"unit":"WorkingDays"}""");

        var response = await Put("/api/service-items/food-business-licence", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["leadDepartment", "promisedLimit"]);
        var item = await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/food-business-licence"));
        item["leadDepartment"]!.GetValue<string>().Should().Be("market");
        item["version"]!.GetValue<long>().Should().Be(0);
        (await Audits(_factory, AuditActions.ServiceItemUpdated)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateServiceItem_Returns409_WhenTheBodyCarriesAStaleVersion()
    {
        var first = await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/investment-project-approval"));
        var second = first.DeepClone().AsObject();
        first["jointHandling"] = true;
        second["name"] = "企业投资项目核准（新） Investment approval, new name";

        (await Put("/api/service-items/investment-project-approval", first)).StatusCode.Should().Be(HttpStatusCode.OK);
        var response = await Put("/api/service-items/investment-project-approval", second);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var item = await HttpJson.ReadSuccessAsync(await Client.GetAsync("/api/service-items/investment-project-approval"));
        item["version"]!.GetValue<long>().Should().Be(1);
        item["jointHandling"]!.GetValue<bool>().Should().BeTrue();
        item["name"]!.GetValue<string>().Should().Be("企业投资项目核准 Enterprise investment project approval");
    }

    [Fact]
    public async Task ServiceItemVersion_RefusesTheSecondOfTwoConcurrentUpdates()
    {
        var factory = _factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        await using var a = await factory.CreateDbContextAsync();
        await using var b = await factory.CreateDbContextAsync();
        var itemA = await a.ServiceItems.SingleAsync(i => i.Code == "company-establishment");
        var itemB = await b.ServiceItems.SingleAsync(i => i.Code == "company-establishment");
        itemA.Update(itemA.Data with { JointHandling = true }, _factory.Clock.GetCurrentInstant());
        itemB.Update(itemB.Data with { Name = "Changed concurrently" }, _factory.Clock.GetCurrentInstant());

        await a.SaveChangesAsync();
        var second = () => b.SaveChangesAsync();

        await second.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    [Fact]
    public async Task Catalogue_RefusesWritesToAWindowClerk_AndEveryCallWithoutSignIn()
    {
        using var clerk = await CreateClientAsync(_factory, Clerk);
        using var anonymous = _factory.CreateClient();

        (await clerk.GetAsync("/api/service-items")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await clerk.GetAsync("/api/departments")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Send(clerk, HttpMethod.Post, "/api/service-items", NewItem())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Send(clerk, HttpMethod.Put, "/api/service-items/eia-approval", Body("eia-approval"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/departments")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/service-items")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Send(anonymous, HttpMethod.Post, "/api/service-items", NewItem())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Client.GetAsync("/api/service-items/outdoor-advertising")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>The one place a signed-in client is made (admin = Administrator, clerk.market = WindowClerk).</summary>
    private static Task<HttpClient> CreateClientAsync(OneStopApiFactory factory, string userName) => factory.CreateClientAsAsync(userName);

    /// <summary>A valid new item that no seed has: outdoor advertising, run by a seeded (published) definition.</summary>
    private static JsonObject NewItem() => JsonNode.Parse("""
        {
          "code": "outdoor-advertising",
          "name": "户外广告设施设置许可 Outdoor advertising permit",
          "type": "AdministrativeLicence",
          "leadDepartment": "urban",
          "coDepartments": ["market"],
          "handlingKind": "Promised",
          "statutoryLimit": { "value": 20, "unit": "WorkingDays" },
          "statutoryExtension": { "value": 10, "unit": "WorkingDays" },
          "promisedLimit": { "value": 5, "unit": "WorkingDays" },
          "jointHandling": false,
          "materials": [
            { "name": "Application form 申请表", "form": "Original", "requirement": "Required", "count": 1 },
            { "name": "Design drawings 设计图", "form": "Copy", "requirement": "Required", "count": 2 }
          ],
          "refusalPolicy": "AllRequired",
          "resultType": "Certificate",
          "deliveryMethods": ["Pickup", "Mail"],
          "workflowDefinitionId": "food-business-licence"
        }
        """)!.AsObject();

    /// <summary>The seeded item's fields as a request body (what a client would send back after editing).</summary>
    private static JsonObject Body(string code)
    {
        var data = DemoCentre.Items.Single(i => i.Code == code).Data;
        var body = System.Text.Json.JsonSerializer.SerializeToNode(data, WebJson)!.AsObject();
        body["code"] = code;
        return body;
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private Task<HttpResponseMessage> Post(string url, JsonObject body) => Send(Client, HttpMethod.Post, url, body);

    private Task<HttpResponseMessage> Put(string url, JsonObject body) => Send(Client, HttpMethod.Put, url, body);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, JsonObject body) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") });

    private static async Task<List<Domain.Audit.AuditEvent>> Audits(OneStopApiFactory factory, string action)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(a => a.Action == action).ToListAsync();
    }

    private static async Task<int> AuditCount(OneStopApiFactory factory, string action) => (await Audits(factory, action)).Count;
}
