using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// Issue 9: the sweeper answers what it committed (no ambient collector). Sweepers running at once each answer the
/// signals they fired and the alerts they wrote: together exactly the stored ones, none told twice.
/// </summary>
public sealed class SweepResult_Issue9Tests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task ConcurrentSweeps_AnswerTheirOwnFiredSignalsAndAlerts_TogetherExactlyTheStoredOnes()
    {
        SetClock("2025-09-26T09:00:00");
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence")));
        }

        SetClock("2025-10-10T00:00:00");
        var sweeper = Factory.Services.GetRequiredService<DeadlineSweeper>();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => sweeper.RaiseDueAsync(batchSize: 2))));

        var fired = await InDbAsync(db => db.Signals.AsNoTracking().CountAsync(s => cases.Contains(s.CaseId) && s.FiredAt != null));
        var stored = await InDbAsync(db => db.Set<AlertRow>().AsNoTracking().Where(a => cases.Contains(a.CaseId)).Select(a => a.Id).ToListAsync());
        fired.Should().Be(9, "each case's step prompt, step yellow card and case prompt were due at 10-10 00:00");
        results.Sum(r => r.Fired).Should().Be(fired);
        var answered = results.SelectMany(r => r.AlertIds).ToList();
        answered.Should().OnlyHaveUniqueItems("each alert is answered by the sweeper that wrote it");
        answered.Should().BeEquivalentTo(stored);
        var rerun = await sweeper.RaiseDueAsync();
        rerun.Fired.Should().Be(0, "a rerun fires nothing");
        rerun.AlertIds.Should().BeEmpty();
    }
}
