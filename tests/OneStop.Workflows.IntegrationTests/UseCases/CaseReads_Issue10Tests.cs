using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10: the reads the window's pages print from — the delivery address and the correction notices.</summary>
public sealed class CaseReads_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task The_case_carries_its_mail_address_and_its_notices_with_every_item_and_the_text_sent()
    {
        var receipt = Value(await SubmitAsync(Clerk("market"), "restaurant-opening", DeliveryMethod.Mail, "北京市东城区测试路1号 1 Test Road"));
        var caseId = new CaseId(Guid.Parse(receipt.Id));
        Value(await DecideAsync((await OpenTaskAsync(caseId, TaskKind.Acceptance, "market")).Id, Outcomes.Accepted, Clerk("market"), "Materials complete 材料齐全"));
        Value(await DecideAsync((await OpenTaskAsync(caseId, TaskKind.Review, "fire")).Id, Outcomes.ReturnedForCorrection, Reviewer("fire"), "Plans incomplete",
            [new("Floor plan 平面图", "Missing fire exits 缺少消防通道")]));

        var detail = Value(await Run<GetCase, Result<CaseDetail>>(u => u.ExecuteAsync(new(caseId.ToString()), Clerk("market"), default)));
        var notices = Value(await Run<GetCorrectionNotices, Result<GetCorrectionNotices.Notices>>(u => u.ExecuteAsync(new(caseId.ToString()), Clerk("market"), default)));
        var otherWindow = await Run<GetCorrectionNotices, Result<GetCorrectionNotices.Notices>>(u => u.ExecuteAsync(new(caseId.ToString()), Clerk("housing"), default));
        var garbage = await Run<GetCorrectionNotices, Result<GetCorrectionNotices.Notices>>(u => u.ExecuteAsync(new("nope"), Clerk("market"), default));

        detail.DeliveryMethod.Should().Be("Mail");
        detail.DeliveryAddress.Should().Be("北京市东城区测试路1号 1 Test Road");
        var notice = notices.Items.Should().ContainSingle().Subject;
        notice.Stage.Should().Be("Review");
        notice.Items.Should().ContainSingle(i => i.Material == "Floor plan 平面图" && i.Problem == "Missing fire exits 缺少消防通道" && i.Department == "fire");
        notice.IssuedAt.Should().BeNull("the window has not issued the merged notice yet");
        notice.Text.Should().Contain(receipt.Number).And.Contain("Missing fire exits 缺少消防通道");
        otherWindow.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        garbage.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
    }
}
