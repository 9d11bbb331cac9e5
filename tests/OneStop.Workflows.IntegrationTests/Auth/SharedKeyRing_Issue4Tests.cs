using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>
/// Several nodes (issue 4's alerts across nodes need it too): the data-protection key ring that protects bearer tokens
/// and cookies lives in the database, so a token one node issued is accepted by another node on the same database.
/// </summary>
public sealed class SharedKeyRing_Issue4Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task Token_IssuedByOneNode_IsAcceptedByAnother_WithTheKeyRingInTheDatabase()
    {
        var issuedHere = await Driver.As("supervisor");
        await using var otherNode = new OneStopApiFactory("PostgreSql", Factory.ConnectionString);
        using var there = otherNode.CreateClient();
        there.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuedHere.DefaultRequestHeaders.Authorization!.Parameter);

        var me = await CaseDriver.Json(await there.GetAsync("/api/auth/me"), HttpStatusCode.OK);

        me["userName"]!.GetValue<string>().Should().Be("supervisor");
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        (await db.DataProtectionKeys.ToListAsync()).Should().ContainSingle("both nodes use the one key the first node created")
            .Which.Xml.Should().Contain("<key ");
    }
}
