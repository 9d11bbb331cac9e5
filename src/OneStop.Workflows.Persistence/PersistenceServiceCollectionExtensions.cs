using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Persistence;

/// <summary>Registers OneStop's database: a pooled context factory for the configured provider and the engine stores.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>PostgreSql</c>) and <c>ConnectionStrings:OneStop</c>
    /// (SQLite default <c>Data Source=data/onestop.db</c>, whose folder is created). Registers
    /// <see cref="IDbContextFactory{OneStopDbContext}"/> (singleton), <see cref="OneStopDbContext"/> (scoped, e.g. for health
    /// checks), <see cref="OneStopDatabaseOptions"/> and the two engine stores (singletons), and the centre-wide supervision
    /// rules of <see cref="Supervision.SupervisionSettings"/> (a bad value throws here, at start-up) and the node's kept service items
    /// (<see cref="Approval.ServiceItemCache"/>, <c>Catalogue:ItemCacheSeconds</c>). The server registers <c>IClock</c>.
    /// </summary>
    /// <param name="configureDbContext">Optional extra context configuration (interceptors, logging), applied after the provider's.</param>
    public static IServiceCollection AddOneStopPersistence(
        this IServiceCollection services, IConfiguration configuration, Action<DbContextOptionsBuilder>? configureDbContext = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = OneStopDatabaseOptions.FromConfiguration(configuration);
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                OneStopDbContextOptions.EnsureSqliteFolder(options.ConnectionString);
                AddFactory<SqliteOneStopDbContext>(services, options, configureDbContext);
                break;
            case DatabaseProvider.PostgreSql:
                AddFactory<PostgresOneStopDbContext>(services, options, configureDbContext);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(configuration), options.Provider, "Unknown database provider.");
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContext());
        services.AddSingleton<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        services.AddSingleton<IWorkflowInstanceStore, EfWorkflowInstanceStore>();
        services.AddLogging();
        services.AddSingleton<IStepWriter, Approval.CaseStepWriter>();
        services.TryAddSingleton(TimeProvider.System);
        var keepItems = Approval.ServiceItemCache.KeepFrom(configuration["Catalogue:ItemCacheSeconds"]); // a bad value throws here, at start-up
        services.AddSingleton(sp => new Approval.ServiceItemCache(sp.GetRequiredService<TimeProvider>(), keepItems));
        services.AddSingleton<Calendar.EffectiveCalendarStore>();
        services.AddSingleton(Supervision.SupervisionSettings.LadderDefaults(configuration));
        services.AddSingleton(Supervision.SupervisionSettings.YellowToRed(configuration));
        services.AddSingleton(sp => new Domain.Calendar.CentreDay(sp.GetRequiredService<Domain.Calendar.CentreTimeZone>(),
            configuration["Centre:OfficeClose"] is { Length: > 0 } close ? NodaTime.Text.LocalTimePattern.ExtendedIso.Parse(close).GetValueOrThrow() : null));
        services.AddSingleton<Supervision.SignalPlanner>();
        services.AddSingleton<Supervision.LadderDefaultsInForce>();
        services.AddSingleton<Supervision.DeadlineSweeper>();
        services.AddSingleton<Supervision.SignalBacklogProbe>();
        services.AddSingleton(new Approval.NotificationOptions(configuration["Notifications:Channel"] is { Length: > 0 } channel ? channel : "Log"));
        services.AddSingleton(Domain.Calendar.CentreTimeZone.FromId(configuration["Centre:TimeZone"]));
        return services;
    }

    /// <summary>Applies every pending migration of the configured provider (development, tests and the embedded default).</summary>
    public static async Task MigrateOneStopDatabaseAsync(this IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var db = await services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await CreateHistoryTableAsync(db, ct);
        }

        await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// The PostgreSQL provider reads the migrations history without checking that its table exists, so a fresh database
    /// logged a <c>fail:</c> line ("relation __EFMigrationsHistory does not exist") on a normal first start
    /// (npgsql/efcore.pg#3407). Creating the table (and schema) first, idempotently, keeps the first start's log clean.
    /// </summary>
    private static async Task CreateHistoryTableAsync(OneStopDbContext db, CancellationToken ct)
    {
        var script = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().GetCreateIfNotExistsScript();
        try
        {
            await db.Database.ExecuteSqlRawAsync(script, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DuplicateTable)
        {
            // Another node created it at the same moment: it exists, which is all that is needed.
        }
    }

    private static void AddFactory<TContext>(IServiceCollection services, OneStopDatabaseOptions options, Action<DbContextOptionsBuilder>? configure)
        where TContext : OneStopDbContext
    {
        services.AddPooledDbContextFactory<TContext>(builder =>
        {
            OneStopDbContextOptions.Configure(builder, options);
            configure?.Invoke(builder);
        });
        services.AddSingleton<IDbContextFactory<OneStopDbContext>, OneStopDbContextFactory<TContext>>();
    }

    /// <summary>Hands out the provider's subclass as the one <see cref="OneStopDbContext"/> the stores know.</summary>
    private sealed class OneStopDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<OneStopDbContext>
        where TContext : OneStopDbContext
    {
        public OneStopDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<OneStopDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
