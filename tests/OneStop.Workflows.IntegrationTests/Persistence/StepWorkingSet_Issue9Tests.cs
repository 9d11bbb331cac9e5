using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9: a step's working set on PostgreSQL carries the case's ladder signals, tracked and locked until the step's
/// transaction ends, so the re-plan of the clocks the step touched reads none of its own and a sweep skips them meanwhile.
/// </summary>
public sealed class StepWorkingSet_Issue9Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task TheWorkingSet_TracksAndLocksTheCasesLadderSignals_NotItsDeemedActions_UntilTheTransactionEnds()
    {
        var caseId = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening")));
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        List<Guid> ladder;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            ladder = await db.Signals.Where(s => s.CaseId == caseId.Value && s.Level != SignalLevel.Action).Select(s => s.Id.Value).ToListAsync();
        }

        ladder.Should().NotBeEmpty("an accepted case's case clock and review clocks have pending ladder signals");

        // Twice: the first run learns the set's SQL, the second sends it as one batch (BatchedReads); both must lock.
        for (var run = 1; run <= 2; run++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var (found, tasks, _, clocks) = await StepQueries.For(db).WorkingSetAsync(db, caseId, CancellationToken.None);

            found.Should().NotBeNull();
            tasks.Should().NotBeEmpty();
            clocks.Should().NotBeEmpty();
            db.Signals.Local.Select(s => s.Id.Value).Should().BeEquivalentTo(ladder, $"run {run}: the case's ladder signals are tracked");
            (await SkipLockedAsync(caseId)).Should().BeEmpty($"run {run}: while the step's transaction is open, a sweep skips them");

            await transaction.RollbackAsync();
            (await SkipLockedAsync(caseId)).Should().BeEquivalentTo(ladder, $"run {run}: the lock ends with the transaction");
        }
    }

    /// <summary>What a sweep on another connection could take of the case's ladder signals now (FOR UPDATE SKIP LOCKED).</summary>
    private async Task<List<Guid>> SkipLockedAsync(CaseId caseId)
    {
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id FROM onestop.supervision_signals WHERE case_id = $1 AND level <> 'Action' FOR UPDATE SKIP LOCKED", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        await transaction.RollbackAsync();
        return ids;
    }
}
