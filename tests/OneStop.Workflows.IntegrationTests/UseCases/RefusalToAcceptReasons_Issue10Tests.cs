using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: a refusal to accept (不予受理) states its reasons (Administrative Licensing Law Art. 32). The rule lives in
/// <c>DecideTask</c>, so the window page, the API and any other door refuse a blank reason alike.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RefusalToAcceptReasons_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task ARefusalToAccept_WithoutAReason_IsInvalid_AndTheTaskStaysOpen(string? reason)
    {
        var receipt = Value(await SubmitAsync(Clerk("market"), "food-business-licence"));
        var caseId = new CaseId(Guid.Parse(receipt.Id));
        var acceptance = await OpenTaskAsync(caseId, TaskKind.Acceptance, "market");

        var result = await DecideAsync(acceptance.Id, Outcomes.Refused, Clerk("market"), reason);

        result.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        result.Refusal.Errors!.Keys.Should().Equal("opinion");
        await using var db = Db();
        (await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == acceptance.Id)).Status.Should().Be(ApprovalTaskStatus.Open);
        (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Status.Should().Be(CaseStatus.Received);
    }

    [Fact]
    public async Task ARefusalToAccept_WithItsReason_ClosesTheCaseAsNotAccepted()
    {
        var receipt = Value(await SubmitAsync(Clerk("market"), "food-business-licence"));
        var caseId = new CaseId(Guid.Parse(receipt.Id));
        var acceptance = await OpenTaskAsync(caseId, TaskKind.Acceptance, "market");

        Value(await DecideAsync(acceptance.Id, Outcomes.Refused, Clerk("market"), "不属于本中心受理范围 Not within the centre's remit"));

        await using var db = Db();
        (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).Status.Should().Be(CaseStatus.NotAccepted);
    }

    [Fact]
    public async Task AnAcceptance_NeedsNoOpinion()
    {
        var receipt = Value(await SubmitAsync(Clerk("market"), "food-business-licence"));
        var acceptance = await OpenTaskAsync(new CaseId(Guid.Parse(receipt.Id)), TaskKind.Acceptance, "market");

        Value(await DecideAsync(acceptance.Id, Outcomes.Accepted, Clerk("market"), null));
    }
}
