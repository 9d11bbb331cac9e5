using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Staff;
using static OneStop.Workflows.IntegrationTests.Staff.StaffClients;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>
/// Issue 8, departments on PostgreSQL: administrators create, rename and retire them (audited); a retired department
/// keeps its history and gets no new work — no submissions for items that need it (409), no catalogue writes naming it
/// (400), no new staff in it (400).
/// </summary>
public sealed class Departments_Issue8Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task CreateRenameRetire_AreListedAndAudited()
    {
        var admin = await Driver.As("admin");

        var created = await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/admin/departments",
            new { code = "audit", chineseName = "审计局", englishName = "Audit office", parentCode = "city" }), HttpStatusCode.Created);
        created["name"]!.GetValue<string>().Should().Be("审计局 Audit office");
        created["active"]!.GetValue<bool>().Should().BeTrue();
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/admin/departments/audit", new { chineseName = "审计监督局", englishName = "Audit and supervision" }), HttpStatusCode.OK);
        var retired = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/departments/audit/retire", null), HttpStatusCode.OK);
        retired["active"]!.GetValue<bool>().Should().BeFalse();

        var listed = (await HttpJson.ReadAsync(await admin.GetAsync("/api/departments"), HttpStatusCode.OK))["items"]!.AsArray()
            .Single(d => d!["code"]!.GetValue<string>() == "audit")!;
        listed["chineseName"]!.GetValue<string>().Should().Be("审计监督局");
        listed["englishName"]!.GetValue<string>().Should().Be("Audit and supervision");
        listed["active"]!.GetValue<bool>().Should().BeFalse();
        listed["retiredAt"].Should().NotBeNull();
        (await HttpJson.ReadAsync(await admin.GetAsync("/api/departments"), HttpStatusCode.OK))["items"]!.AsArray()
            .Single(d => d!["code"]!.GetValue<string>() == "market")!["active"]!.GetValue<bool>().Should().BeTrue();

        var audit = await AuditAsync(Factory, "audit");
        audit.Select(e => e.Actor).Should().AllBe("admin");
        audit.Select(e => e.Action).Should().BeEquivalentTo([AuditActions.DepartmentCreated, AuditActions.DepartmentRenamed, AuditActions.DepartmentRetired]);
        var rename = JsonNode.Parse(audit.Single(e => e.Action == AuditActions.DepartmentRenamed).Details!)!;
        rename["before"]!["chineseName"]!.GetValue<string>().Should().Be("审计局");
        rename["after"]!["chineseName"]!.GetValue<string>().Should().Be("审计监督局");

        (await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/departments/audit/retire", null), HttpStatusCode.Conflict))["code"]!.GetValue<string>()
            .Should().Be("department.retired");
    }

    [Fact]
    public async Task ARetiredDepartment_GetsNoNewWork_ButKeepsItsHistory()
    {
        var admin = await Driver.As("admin");
        var restaurant = await HttpJson.ReadAsync(await admin.GetAsync("/api/service-items/restaurant-opening"), HttpStatusCode.OK);
        restaurant["coDepartments"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Contain("fire");

        await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/departments/fire/retire", null), HttpStatusCode.OK);

        var submission = await (await Driver.As("clerk.market")).PostAsJsonAsync("/api/cases", CaseDriver.Application("restaurant-opening"));
        (await HttpJson.ReadAsync(submission, HttpStatusCode.Conflict))["code"]!.GetValue<string>().Should().Be("item.department-retired");
        await Driver.SubmitAsync("clerk.market", "food-business-licence"); // market alone: still open for business

        var update = await admin.PutAsync("/api/service-items/restaurant-opening", new StringContent(restaurant.ToJsonString(), Encoding.UTF8, "application/json"));
        (await HttpJson.ReadAsync(update, HttpStatusCode.BadRequest))["errors"]!["coDepartments"]!.ToJsonString().Should().Contain("retired");

        var newReviewer = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "reviewer.fire2", displayName = "New fire reviewer", role = "Reviewer", department = "fire" });
        (await HttpJson.ReadAsync(newReviewer, HttpStatusCode.BadRequest))["errors"]!["department"]!.ToJsonString().Should().Contain("retired");
        var move = await admin.PutAsJsonAsync("/api/admin/users/reviewer.police/role", new { role = "Reviewer", department = "fire" });
        (await HttpJson.ReadAsync(move, HttpStatusCode.BadRequest))["errors"]!["department"].Should().NotBeNull();

        (await HttpJson.ReadAsync(await admin.GetAsync("/api/admin/users/reviewer.fire"), HttpStatusCode.OK))["department"]!.GetValue<string>().Should().Be("fire");
        (await HttpJson.ReadAsync(await admin.GetAsync("/api/service-items/restaurant-opening"), HttpStatusCode.OK))["coDepartments"]!.AsArray()
            .Select(d => d!.GetValue<string>()).Should().Contain("fire", "the item keeps naming it until an administrator changes it");
    }

    [Fact]
    public async Task Retire_IsRefused_WhileTheDepartmentHasOpenWork()
    {
        var admin = await Driver.As("admin");
        await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening"); // fire, urban, water review

        var problem = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/departments/fire/retire", null), HttpStatusCode.Conflict);

        problem["code"]!.GetValue<string>().Should().Be("department.has-open-work");
        (await HttpJson.ReadAsync(await admin.GetAsync("/api/departments"), HttpStatusCode.OK))["items"]!.AsArray()
            .Single(d => d!["code"]!.GetValue<string>() == "fire")!["active"]!.GetValue<bool>().Should().BeTrue();
        (await AuditAsync(Factory, "fire")).Should().NotContain(e => e.Action == AuditActions.DepartmentRetired);
    }

    [Theory]
    [InlineData("""{"code":"Audit","chineseName":"审计局","englishName":"Audit office"}""", "code")]
    [InlineData("""{"chineseName":"审计局","englishName":"Audit office"}""", "code")]
    [InlineData("""{"code":"audit","englishName":"Audit office"}""", "chineseName")]
    [InlineData("""{"code":"audit","chineseName":"审计局","englishName":"Audit\u202Eoffice"}""", "englishName")]
    [InlineData("""{"code":"audit","chineseName":"审计局","englishName":"Audit office","parentCode":"nowhere"}""", "parentCode")]
    public async Task CreateDepartment_RefusesBadInput_As400NamingTheField(string body, string field)
    {
        var admin = await Driver.As("admin");

        var problem = await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/departments", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        problem["errors"]![field].Should().NotBeNull(problem.ToJsonString());
        (await AuditAsync(Factory, "audit")).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateDepartment_RefusesAnExistingCode_AndRenameAnUnknownOne()
    {
        var admin = await Driver.As("admin");

        (await HttpJson.ReadAsync(await admin.PostAsJsonAsync("/api/admin/departments", new { code = "fire", chineseName = "消防", englishName = "Fire" }), HttpStatusCode.Conflict))
            ["code"]!.GetValue<string>().Should().Be("department.exists");
        (await admin.PutAsJsonAsync("/api/admin/departments/nowhere", new { chineseName = "无", englishName = "None" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PostAsync("/api/admin/departments/nowhere/retire", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
