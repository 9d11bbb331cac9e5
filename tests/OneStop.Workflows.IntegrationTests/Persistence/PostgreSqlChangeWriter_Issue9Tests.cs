using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Shared;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9: a step's changes on PostgreSQL are written by <see cref="PostgreSqlChangeWriter"/> (one round trip of single-row
/// statements) instead of <c>SaveChanges</c>, with the same rows and the same checks. The case flows through the step are
/// covered by the suites of cases, use cases and supervision; these pin the writer's own guarantees.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlChangeWriter_Issue9Tests(PostgresServerFixture postgres)
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 1, 30);

    [Fact]
    public async Task EveryTypeAStepWrites_IsWrittenHere_AndTypesItCannotWriteExactly_AreLeftToEf()
    {
        await using var services = await StartAsync();
        await using var db = await ContextAsync(services);

        foreach (var type in new[]
                 {
                     typeof(Case), typeof(ApprovalTask), typeof(CorrectionNotice), typeof(Clock), typeof(Notification), typeof(AuditEvent),
                     typeof(SignalRow), typeof(WorkflowInstanceRow), typeof(WorkflowBookmarkRow), typeof(WorkflowJournalRow), typeof(WorkflowIdempotencyRow),
                 })
        {
            PostgreSqlChangeWriter.CanWrite(db.Model.FindEntityType(type)!).Should().BeTrue(type.Name);
        }

        PostgreSqlChangeWriter.CanWrite(db.Model.FindEntityType(typeof(DataProtectionKey))!).Should().BeFalse("its key is an identity column");
        PostgreSqlChangeWriter.CanWrite(db.Model.FindEntityType(typeof(UserAccount))!).Should().BeFalse("it owns its memberships");
    }

    [Fact]
    public async Task InsertsUpdatesAndDeletes_AreWrittenAsEfWouldWriteThem_AndAccepted()
    {
        await using var services = await StartAsync();
        var id = WorkflowInstanceId.New();
        var bookmark = new BookmarkId(Guid.NewGuid());
        await using (var db = await ContextAsync(services))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Instances.Add(Instance(id));
            db.Bookmarks.Add(new WorkflowBookmarkRow { Id = bookmark, InstanceId = id, ActivityId = "review", ActivityType = "Task", Name = "审查 review", CreatedAt = At });
            db.Journal.Add(new WorkflowJournalRow { InstanceId = id, Sequence = 1, ActivityId = "start", ActivityType = "Start", At = At, Event = "Started" });
            db.ChangeTracker.DetectChanges();

            (await PostgreSqlChangeWriter.TrySaveAsync(db, [], CancellationToken.None)).Should().BeTrue();
            db.ChangeTracker.Entries().Should().OnlyContain(e => e.State == EntityState.Unchanged);
            await transaction.CommitAsync();
        }

        await using (var db = await ContextAsync(services))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var row = await db.Instances.SingleAsync(r => r.Id == id);
            row.Version = 2;
            row.Status = WorkflowStatus.Finished;
            row.State = "{\"status\":\"Finished\"}";
            db.Bookmarks.Remove(await db.Bookmarks.SingleAsync(b => b.Id == bookmark));
            db.ChangeTracker.DetectChanges();
            var statement = ("UPDATE onestop.workflow_journal SET message = $1 WHERE instance_id = $2", new object[] { "已处理 handled", id.Value });

            (await PostgreSqlChangeWriter.TrySaveAsync(db, [statement], CancellationToken.None)).Should().BeTrue();
            await transaction.CommitAsync();
        }

        await using (var db = await ContextAsync(services))
        {
            var row = await db.Instances.AsNoTracking().SingleAsync(r => r.Id == id);
            row.Should().BeEquivalentTo(new { Id = id, Version = 2L, Status = WorkflowStatus.Finished, DefinitionId = "fork-join-3", CreatedAt = At, UpdatedAt = At });
            row.State.Replace(" ", string.Empty, StringComparison.Ordinal).Should().Be("{\"status\":\"Finished\"}");
            (await db.Bookmarks.AnyAsync(b => b.InstanceId == id)).Should().BeFalse();
            (await db.Journal.SingleAsync(j => j.InstanceId == id)).Message.Should().Be("已处理 handled", "the caller's statement ran in the same save");
        }
    }

    [Fact]
    public async Task AnUpdateOrDeleteOfARowChangedOrGoneMeanwhile_IsAConcurrencyConflict_AndWritesNothing()
    {
        await using var services = await StartAsync();
        var id = WorkflowInstanceId.New();
        var signal = Signal(id);
        await using (var db = await ContextAsync(services))
        {
            db.Instances.Add(Instance(id));
            db.Signals.Add(signal);
            await db.SaveChangesAsync();
        }

        await using (var db = await ContextAsync(services))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var task = await db.Signals.SingleAsync(s => s.Id == signal.Id);
            await db.Signals.Where(s => s.Id == signal.Id).ExecuteDeleteAsync(); // someone else, first
            db.Signals.Remove(task);
            db.Journal.Add(new WorkflowJournalRow { InstanceId = id, Sequence = 1, ActivityId = "start", ActivityType = "Start", At = At, Event = "Started" });
            db.ChangeTracker.DetectChanges();

            var save = () => PostgreSqlChangeWriter.TrySaveAsync(db, [], CancellationToken.None);
            (await save.Should().ThrowAsync<DbUpdateConcurrencyException>()).Which.IsConflict().Should().BeTrue();
        }

        await using (var db = await ContextAsync(services))
        {
            (await db.Journal.AnyAsync(j => j.InstanceId == id)).Should().BeFalse("the step's transaction was not committed");
        }
    }

    [Fact]
    public async Task ADuplicateKey_IsADbUpdateExceptionAConflictCheckRecognises()
    {
        await using var services = await StartAsync();
        var id = WorkflowInstanceId.New();
        await using (var db = await ContextAsync(services))
        {
            db.Instances.Add(Instance(id));
            db.Journal.Add(new WorkflowJournalRow { InstanceId = id, Sequence = 1, ActivityId = "start", ActivityType = "Start", At = At, Event = "Started" });
            await db.SaveChangesAsync();
        }

        await using (var db = await ContextAsync(services))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Journal.Add(new WorkflowJournalRow { InstanceId = id, Sequence = 1, ActivityId = "again", ActivityType = "Start", At = At, Event = "Started" });
            db.ChangeTracker.DetectChanges();

            var save = () => PostgreSqlChangeWriter.TrySaveAsync(db, [], CancellationToken.None);
            (await save.Should().ThrowAsync<DbUpdateException>()).Which.IsConflict().Should().BeTrue();
        }
    }

    [Fact]
    public async Task WithoutATransaction_OrWithATypeItDoesNotWrite_NothingIsWrittenAndEfSaves()
    {
        await using var services = await StartAsync();
        await using var db = await ContextAsync(services);
        db.Instances.Add(Instance(WorkflowInstanceId.New()));
        db.ChangeTracker.DetectChanges();
        (await PostgreSqlChangeWriter.TrySaveAsync(db, [], CancellationToken.None)).Should().BeFalse("a step always has its transaction");

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = "k", Xml = "<key/>" });
        db.ChangeTracker.DetectChanges();
        (await PostgreSqlChangeWriter.TrySaveAsync(db, [], CancellationToken.None)).Should().BeFalse();
        db.ChangeTracker.Entries().Should().OnlyContain(e => e.State == EntityState.Added, "nothing was written or accepted");
    }

    private static WorkflowInstanceRow Instance(WorkflowInstanceId id) => new()
    {
        Id = id, DefinitionId = "fork-join-3", DefinitionVersionId = "fork-join-3:v1", DefinitionVersion = 1, Status = WorkflowStatus.Running,
        State = "{}", Version = 1, CreatedAt = At, UpdatedAt = At,
    };

    private static SignalRow Signal(WorkflowInstanceId id) => new()
    {
        Id = Domain.Supervision.SignalId.New(), CaseId = id.Value, SubjectId = id.Value, SubjectKind = ClockKind.Case,
        Rule = "case.prompt", Level = Domain.Supervision.SignalLevel.Prompt, DueAt = At, CreatedAt = At, Basis = "test",
    };

    private async Task<ServiceProvider> StartAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:OneStop"] = await postgres.Server.CreateDatabaseAsync(),
        }).Build();
        var services = new ServiceCollection();
        services.AddOneStopPersistence(configuration);
        services.AddSingleton<IClock>(new FakeClock(At));
        var provider = services.BuildServiceProvider();
        await provider.MigrateOneStopDatabaseAsync(CancellationToken.None);
        return provider;
    }

    private static Task<OneStopDbContext> ContextAsync(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
}

internal static class ConflictChecks
{
    /// <summary>What the step's commit asks of an exception before it answers a concurrency conflict (retry from fresh state).</summary>
    public static bool IsConflict(this Exception exception) =>
        (bool)typeof(OneStopDbContext).Assembly.GetType("OneStop.Workflows.Persistence.DatabaseErrors")!
            .GetMethod("IsConflict")!.Invoke(null, [exception])!;
}
