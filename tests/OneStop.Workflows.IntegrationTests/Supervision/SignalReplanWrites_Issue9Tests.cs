using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 9: re-planning writes only the signals that change. A pending row that stays as planned keeps its PostgreSQL row
/// version (<c>xmin</c>), so it was not rewritten; one whose due instant moved is updated in place (same id), not deleted
/// and re-inserted. Food business licence accepted Fri 2025-09-26: case prompt 10-10, step prompt 10-09.
/// </summary>
public sealed class SignalReplanWrites_Issue9Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    private const string Food = "food-business-licence";

    [Fact]
    public async Task ReplanningUnchangedClocks_WritesNoSignal_AndAMovedPrompt_IsUpdatedInPlace()
    {
        SetClock("2025-09-26T09:00:00");
        var food = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var before = await PendingVersionsAsync(food);
        before.Keys.Should().HaveCountGreaterThan(3, "the case clock's prompt, yellow and red and the review's step prompt and yellow are pending");
        var planner = Factory.Services.GetRequiredService<SignalPlanner>();
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();

        (await planner.ReplanRunningClocksAsync(contexts, At("2025-09-26T10:00:00"), CancellationToken.None)).Should().BeGreaterThan(0);

        (await PendingVersionsAsync(food)).Should().Equal(before, "nothing changed, so nothing is written");

        var item = await InDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Code == Food));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await planner.ReplanItemAsync(db, Food, item.Data with { Supervision = new ItemSupervision(PromptLeadWorkingDays: 2) }, At("2025-09-26T10:00:00"), CancellationToken.None);
        }

        var after = await PendingVersionsAsync(food);
        after.Keys.Should().BeEquivalentTo(before.Keys, "a moved signal keeps its row");
        var rewritten = after.Where(a => a.Value != before[a.Key]).Select(a => a.Key).ToHashSet();
        var rules = (await SignalsAsync(food)).Where(s => rewritten.Contains(s.Id.Value)).Select(s => s.Rule);
        rules.Should().BeEquivalentTo([Domain.Supervision.SignalRules.CasePrompt, Domain.Supervision.SignalRules.StepPrompt],
            "a lead of two working days moves only the prompts; the yellow and red cards stay as they were");
    }

    /// <summary>Pending signal ids of the case with their row versions.</summary>
    private Task<Dictionary<Guid, string>> PendingVersionsAsync(string caseId)
    {
        var id = Guid.Parse(caseId);
        return InDbAsync(async db => (await db.Database
                .SqlQuery<RowVersion>($"SELECT id AS \"Id\", xmin::text AS \"Version\" FROM onestop.supervision_signals WHERE case_id = {id} AND fired_at IS NULL")
                .ToListAsync())
            .ToDictionary(r => r.Id, r => r.Version));
    }

    private sealed class RowVersion
    {
        public Guid Id { get; init; }

        public string Version { get; init; } = string.Empty;
    }
}
