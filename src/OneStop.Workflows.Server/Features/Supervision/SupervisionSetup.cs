using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.SignalR;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Server.Features.SimulatedTime;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// E-supervision (电子监察): Hangfire runs the deadline sweep; fired signals become alerts, pushed live over SignalR;
/// routes list signals, alerts and performance figures. See docs/supervision.md.
/// </summary>
public static class SupervisionSetup
{
    public const string HubPath = "/hubs/alerts";

    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Registers the alert and yellow-card accumulation handlers, the sweep, SignalR and, when <c>Supervision:Enabled</c>, Hangfire: storage
    /// (PostgreSQL schema <c>hangfire</c>, or in memory for SQLite), a server with a few workers and the recurring
    /// <c>deadline-sweep</c> job.
    /// </summary>
    public static WebApplicationBuilder AddSupervision(this WebApplicationBuilder builder)
    {
        var options = SupervisionOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<ISignalFiredHandler, AlertRecipientsHandler>();
        services.AddSingleton<ISignalFiredHandler, YellowAccumulationHandler>();
        services.AddSingleton<SupervisionSweep>();
        services.AddSingleton<AlertPusher>();
        services.AddSingleton<LiveAlerts>(); // the web UI's circuits hear alerts here
        AddAlertFanOut(builder);
        services.AddSingleton<Application.Supervision.CarryOutDeemedActions>();
        services.AddSignalR();
        services.AddSingleton<IUserIdProvider, UserNameIdProvider>();
        AlertsHub.AcceptTokenInQueryString(services);
        if (!options.Enabled)
        {
            return builder;
        }

        // Hangfire.AspNetCore validates every dashboard POST (trigger, delete, requeue …) with ASP.NET Core antiforgery,
        // which the web UI registers (UiSetup): the pages carry the token (meta csrf-token), a POST without it gets 403.
        services.AddSingleton<IClockChangeListener, SweepOnClockChange>();
        services.AddSingleton(HangfireStorage.Create);
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = options.Workers;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            server.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
        });
        services.AddTransient<DeadlineSweepJob>();
        services.AddHostedService<DeadlineSweepSchedule>();
        return builder;
    }

    /// <summary>
    /// On PostgreSQL (possibly several nodes) alerts are announced with NOTIFY and every node's listener pushes them; on
    /// SQLite (one node) the sweeping node pushes them itself. Chosen from the database options in force.
    /// </summary>
    private static void AddAlertFanOut(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<LocalAlertFanOut>();
        services.AddSingleton<PostgresAlertFanOut>();
        services.AddSingleton<IAlertFanOut>(sp => sp.GetRequiredService<OneStopDatabaseOptions>().Provider == DatabaseProvider.PostgreSql
            ? sp.GetRequiredService<PostgresAlertFanOut>()
            : sp.GetRequiredService<LocalAlertFanOut>());
        services.AddSingleton<Hosting.INodeNotificationHandler, AnnouncedAlertsHandler>();
    }

    /// <summary>Maps the routes under <paramref name="api"/>, the alerts hub and (when enabled) the Hangfire dashboard for administrators.</summary>
    public static WebApplication MapSupervision(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapListSignals();
        api.MapListAlerts();
        api.MapAcknowledgeAlert();
        api.MapGetFigures();
        api.MapGetCardBoard();
        api.MapGetFigureSeries();
        api.MapExportFigures();
        app.MapHub<AlertsHub>(HubPath).RequireAuthorization(Policies.Staff);
        if (app.Services.GetRequiredService<SupervisionOptions>().Enabled)
        {
            app.UseHangfireDashboard(DashboardPath, new DashboardOptions
            {
                Authorization = [],
                AsyncAuthorization = [new AdministratorsOnlyDashboardFilter()],
                DashboardTitle = "OneStop supervision jobs",
                DisplayStorageConnectionString = false,
                AppPath = null,
                IgnoreAntiforgeryToken = false,
            });
        }

        return app;
    }
}
