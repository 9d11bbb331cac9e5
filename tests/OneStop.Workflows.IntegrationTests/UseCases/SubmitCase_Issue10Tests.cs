using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10: a submission's idempotency key (a double click makes one case) and the receipt's dates.</summary>
public sealed class SubmitCase_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static SubmitCase.Command Application(string? key, string name = "王五 Wang Wu", string phone = "13800138000") =>
        new("food-business-licence", new(name, "11010519491231002x", phone), new JsonObject { ["businessName"] = "Key Co.", ["seats"] = 12 },
            [new("Application form 申请书"), new("Business licence 营业执照", Provided: false, Note: "容缺")], DeliveryMethod.Pickup, null, key);

    private Task<Result<SubmitCase.Receipt>> SubmitAsync(SubmitCase.Command command) =>
        Run<SubmitCase, Result<SubmitCase.Receipt>>(u => u.ExecuteAsync(command, Clerk("market"), default));

    private async Task<int> CasesAsync()
    {
        await using var db = Db();
        return await db.Cases.CountAsync();
    }

    [Fact]
    public async Task TheSameKeyAndApplication_AnswersTheFirstCase_WithoutThePassword()
    {
        var first = Value(await SubmitAsync(Application("double-click-1")));
        // The same application as sent again by a client: other whitespace around the values and the ID number's letter in another case.
        var again = Value(await SubmitAsync(Application(" double-click-1 ") with { Applicant = new(" 王五 Wang Wu ", "11010519491231002X", "13800138000 ") }));

        first.QueryPassword.Should().NotBeNullOrEmpty();
        first.Replayed.Should().BeFalse();
        again.Should().BeEquivalentTo(first with { QueryPassword = null, Replayed = true });
        (await CasesAsync()).Should().Be(1);
        await using var db = Db();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.CaseSubmitted)).Should().Be(1);
        QueryPasswords.Verify(first.QueryPassword, (await db.Cases.SingleAsync()).QueryPasswordHash).Should().BeTrue("the replay did not change the password");
    }

    [Fact]
    public async Task TheSameKeyWithAnotherApplication_IsRefused_AndChangesNothing()
    {
        var first = Value(await SubmitAsync(Application("reused-key")));

        var other = await SubmitAsync(Application("reused-key", phone: "13900139000"));

        other.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        other.Refusal.Code.Should().Be(RefusalCodes.CaseIdempotencyKeyReused);
        other.Refusal.Message.Should().Contain(first.Number);
        (await CasesAsync()).Should().Be(1);
    }

    [Fact]
    public async Task TwoSubmissionsWithOneKeyAtOnce_MakeOneCase()
    {
        Value(await SubmitAsync(Application(null))); // warm: the published flow is cached, so the racers reach the commit together
        var command = Application("concurrent-key");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SubmitAsync(command))));

        var receipts = results.Select(Value).ToList();
        receipts.Select(r => (r.Id, r.Number)).Distinct().Should().ContainSingle();
        receipts.Count(r => !r.Replayed).Should().Be(1, "one submission made the case; the others answer it");
        receipts.Where(r => r.Replayed).Should().OnlyContain(r => r.QueryPassword == null);
        (await CasesAsync()).Should().Be(2);
    }

    [Fact]
    public async Task WithoutAKey_EverySubmissionIsANewCase_AndAKeyIsScopedToItsApplication()
    {
        var a = Value(await SubmitAsync(Application(null)));
        var b = Value(await SubmitAsync(Application(null)));
        var keyed = Value(await SubmitAsync(Application("k-1")));
        var otherKey = Value(await SubmitAsync(Application("k-2")));

        new[] { a.Id, b.Id, keyed.Id, otherKey.Id }.Should().OnlyHaveUniqueItems();
        (await CasesAsync()).Should().Be(4);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task ABlankOrOverlongKey_IsInvalid_AlongWithTheOtherFields(string? key)
    {
        var command = Application(key ?? new string('k', 201)) with { Materials = null };

        var refused = await SubmitAsync(command);

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors!.Keys.Should().BeEquivalentTo(["idempotencyKey", "materials"]);
        (await CasesAsync()).Should().Be(0);
    }

    [Fact]
    public async Task TheReceipt_CarriesItsDates_AndTheProjectionIsWhatTheCaseClockPromisesOnAcceptance()
    {
        var receipt = Value(await SubmitAsync(Application("dates-1")));
        var caseId = new CaseId(Guid.Parse(receipt.Id));
        var detail = Value(await Run<GetCase, Result<CaseDetail>>(u => u.ExecuteAsync(new(receipt.Id), Clerk("market"), default)));

        receipt.ReceiptDate.Should().Be(detail.ReceiptDate);
        receipt.ReceivedAt.Should().Be(detail.ReceivedAt);
        receipt.PromisedCompletionProjected.Should().BeTrue();
        string.CompareOrdinal(receipt.PromisedCompletion, receipt.ReceiptDate).Should().BePositive("10 working days from the receipt date");

        var acceptance = await OpenTaskAsync(caseId, TaskKind.Acceptance, "market");
        Value(await DecideAsync(acceptance.Id, "Accepted", Clerk("market"), null));
        var clocks = Value(await Run<GetClocks, Result<ClockList>>(u => u.ExecuteAsync(new(receipt.Id), Clerk("market"), default)));
        var accepted = Value(await SubmitAsync(Application("dates-1")));

        clocks.Items.Single(c => c.Kind == "Case").PromisedDue.Should().Be(receipt.PromisedCompletion, "accepted on the receipt date, the clock counts as projected");
        accepted.Should().BeEquivalentTo(receipt with { QueryPassword = null, Replayed = true, Status = "InReview", PromisedCompletionProjected = false },
            "after acceptance a replay reads the case clock's promised day");
    }

    [Fact]
    public async Task AReplayOfACaseRefusedAtAcceptance_PromisesNothing()
    {
        var receipt = Value(await SubmitAsync(Application("refused-1")));
        var acceptance = await OpenTaskAsync(new CaseId(Guid.Parse(receipt.Id)), TaskKind.Acceptance, "market");
        Value(await DecideAsync(acceptance.Id, "Refused", Clerk("market"), "Not within the centre's remit 不属于受理范围"));

        var replay = Value(await SubmitAsync(Application("refused-1")));

        replay.Status.Should().Be("NotAccepted");
        replay.PromisedCompletion.Should().BeNull();
        replay.Replayed.Should().BeTrue();
    }
}
