using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Persistence;

/// <summary>
/// The one model of OneStop's tables. PostgreSQL keeps them in schema <c>onestop</c> with <see cref="Instant"/>
/// as <c>timestamptz</c> (Npgsql NodaTime plugin); SQLite has no schemas and stores instants as unix ticks.
/// </summary>
/// <remarks>
/// Each provider has a thin subclass (<see cref="PostgresOneStopDbContext"/>, <see cref="SqliteOneStopDbContext"/>)
/// so each gets its own migration set; the model itself lives only here.
/// </remarks>
public class OneStopDbContext : DbContext, IDataProtectionKeyContext
{
    public const string Schema = "onestop";

    public OneStopDbContext(DbContextOptions<OneStopDbContext> options)
        : base(options)
    {
    }

    protected OneStopDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// PostgreSQL: statements a step's writers leave to the step's save (<see cref="Shared.PostgreSqlChangeWriter"/>), which
    /// runs them in its round trip after the tracked deletions and before the inserts. The step's commit clears the list
    /// when it starts (a pooled context may come back from a step that failed before its save).
    /// </summary>
    internal List<(string Sql, object[] Values)> StepStatements { get; } = [];

    /// <summary>While a <see cref="Shared.BatchedReads"/> set runs for the first time: the commands it sends (SQL, parameters).</summary>
    internal List<(string Sql, List<(string Name, object? Value)> Parameters)>? ReadCapture { get; set; }

    /// <summary>While a <see cref="Shared.BatchedReads"/> set runs: its buffered result sets, in command order.</summary>
    internal Queue<(string Sql, System.Data.Common.DbDataReader Rows)>? BatchedResults { get; set; }

    public DbSet<WorkflowDefinitionRow> Definitions => Set<WorkflowDefinitionRow>();

    public DbSet<WorkflowInstanceRow> Instances => Set<WorkflowInstanceRow>();

    public DbSet<WorkflowBookmarkRow> Bookmarks => Set<WorkflowBookmarkRow>();

    public DbSet<WorkflowJournalRow> Journal => Set<WorkflowJournalRow>();

    public DbSet<WorkflowIdempotencyRow> Idempotency => Set<WorkflowIdempotencyRow>();

    public DbSet<Domain.Catalogue.Department> Departments => Set<Domain.Catalogue.Department>();

    public DbSet<Domain.Catalogue.ServiceItem> ServiceItems => Set<Domain.Catalogue.ServiceItem>();

    public DbSet<Domain.People.UserAccount> Users => Set<Domain.People.UserAccount>();

    public DbSet<Domain.Cases.Case> Cases => Set<Domain.Cases.Case>();

    public DbSet<Domain.Cases.ApprovalTask> Tasks => Set<Domain.Cases.ApprovalTask>();

    public DbSet<Domain.Cases.CorrectionNotice> CorrectionNotices => Set<Domain.Cases.CorrectionNotice>();

    public DbSet<Domain.Cases.Notification> Notifications => Set<Domain.Cases.Notification>();

    public DbSet<Domain.Audit.AuditEvent> AuditEvents => Set<Domain.Audit.AuditEvent>();

    public DbSet<Calendar.CalendarYearRow> CalendarYears => Set<Calendar.CalendarYearRow>();

    public DbSet<Domain.Clocks.Clock> Clocks => Set<Domain.Clocks.Clock>();

    public DbSet<Supervision.SignalRow> Signals => Set<Supervision.SignalRow>();

    public DbSet<Auth.SignInLockoutRow> SignInLockouts => Set<Auth.SignInLockoutRow>();

    public DbSet<Auth.StaffSessionRow> StaffSessions => Set<Auth.StaffSessionRow>();

    public DbSet<Auth.RefreshTokenRow> RefreshTokens => Set<Auth.RefreshTokenRow>();

    /// <summary>
    /// The ASP.NET Core data-protection key ring (it protects sign-in cookies and bearer tokens), shared by every server
    /// node on the database, so a token issued by one node is accepted by all and survives restarts and redeployments.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<WorkflowInstanceId>().HaveConversion<WorkflowInstanceIdConverter>();
        configurationBuilder.Properties<BookmarkId>().HaveConversion<BookmarkIdConverter>();
        configurationBuilder.Properties<Domain.Cases.CaseId>().HaveConversion<Shared.CaseIdConverter>();
        configurationBuilder.Properties<Domain.Cases.TaskId>().HaveConversion<Shared.TaskIdConverter>();
        configurationBuilder.Properties<Domain.Clocks.ClockId>().HaveConversion<Shared.ClockIdConverter>();
        configurationBuilder.Properties<Domain.Supervision.SignalId>().HaveConversion<Shared.SignalIdConverter>();
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<Instant>().HaveConversion<InstantToUnixTicksConverter>();
            configurationBuilder.Properties<LocalDate>().HaveConversion<Shared.LocalDateToIsoTextConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OneStopDbContext).Assembly);
        Shared.SnakeCaseNames.ApplyToDomainEntities(modelBuilder);
    }

    /// <summary>SQLite has no timestamp type: an instant is stored as ticks (100 ns) since the unix epoch, which sorts correctly.</summary>
    private sealed class InstantToUnixTicksConverter() : ValueConverter<Instant, long>(i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));
}
