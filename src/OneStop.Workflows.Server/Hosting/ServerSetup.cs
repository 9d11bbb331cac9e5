using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Calendar;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Features.Clocks;
using OneStop.Workflows.Server.Features.Catalogue;
using OneStop.Workflows.Server.Features.Definitions;
using OneStop.Workflows.Server.Features.Designer;
using OneStop.Workflows.Server.Features.Health;
using OneStop.Workflows.Server.Features.Instances;
using OneStop.Workflows.Server.Features.SimulatedTime;
using OneStop.Workflows.Server.Features.Staff;
using OneStop.Workflows.Server.Features.Supervision;
using OneStop.Workflows.Server.Hosting.RateLimits;
using OneStop.Workflows.Server.Ui;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>Service registration and the HTTP pipeline of the server, kept out of Program.cs.</summary>
public static class ServerSetup
{
    /// <summary>Where the server listens when nothing else is configured.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddOneStopServer(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        DemoSeed.RefuseInProduction(builder);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var services = builder.Services;
        services.AddSingleton(new ReverseProxySettings(ReverseProxy.OptionsFrom(builder.Configuration)));
        services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        services.Configure<WorkflowFileOptions>(builder.Configuration.GetSection(WorkflowFileOptions.Section));
        builder.AddOneStopClock();
        services.AddSingleton(_ => ApprovalActivities.Catalogue());
        services.AddSingleton<CompiledWorkflowCache>();
        services.AddSingleton<DefinitionService>();
        services.AddDefinitions(builder.Configuration);
        services.AddSingleton<WorkflowHost>();
        services.AddSingleton<WorkflowFileImporter>();
        services.AddStaff(builder.Configuration);
        services.AddOneStopPersistence(builder.Configuration);
        services.AddOneStopApplication();

        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<OneStopDbContext>("database");
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.AddOneStopAuth();
        builder.AddOneStopRateLimits();
        builder.AddSupervision();
        Telemetry.TelemetrySetup.AddOneStopTelemetry(builder); // issue 12: metrics and traces (docs/operations.md, "What to monitor")
        builder.AddOneStopUi();
        services.AddDesigner(builder.Configuration); // issue 11: the designer (Elsa Studio) and its API
        services.AddSingleton<INodeNotificationHandler, Features.Calendar.CalendarChangedHandler>();
        services.AddSingleton<INodeNotificationHandler, Features.Catalogue.ServiceItemChangedHandler>(); // issue 9: kept service items (ADR 0012)
        services.AddSingleton<NodeNotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeNotificationListener>());
        return builder;
    }

    /// <summary>
    /// Applies migrations when configured to, seeds the calendar, puts the centre's ladder defaults in force (re-planning
    /// running clocks if they changed), seeds the demo centre when configured to and imports <c>workflows/</c> (the
    /// embedded default does all).
    /// </summary>
    public static async Task PrepareOneStopAsync(this WebApplication app, CancellationToken ct)
    {
        app.Logger.LogInformation("OneStop.Workflows database: {Database}", app.Services.GetRequiredService<OneStopDatabaseOptions>().Describe());
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await app.Services.MigrateOneStopDatabaseAsync(ct);
        }

        await app.Services.GetRequiredService<OneStop.Workflows.Persistence.Calendar.EffectiveCalendarStore>().SeedAsync(ct);
        await app.Services.GetRequiredService<OneStop.Workflows.Persistence.Supervision.LadderDefaultsInForce>().ApplyAsync(ct);
        if (DemoSeed.IsOn(app.Configuration, app.Environment))
        {
            await app.Services.SeedDemoCentreAsync(ct);
            await app.Services.SeedDemoUsersAsync(ct);
        }

        // After the demo seed: publishing checks each flow against the catalogue's departments and items (issue 11 §4, ADR 0015).
        await app.Services.GetRequiredService<WorkflowFileImporter>().ImportAsync(ct);

        await using var startDb = await app.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync(ct);
        if (!await Application.Staff.CreateAdministrator.AnyAsync(startDb, ct))
        {
            app.Logger.LogWarning(NoAdministratorWarning);
        }
    }

    /// <summary>Logged at start while no active administrator exists (a fresh database without the demo seed).</summary>
    public const string NoAdministratorWarning =
        "No active administrator exists. Create the first one with: dotnet OneStop.Workflows.Server.dll create-admin --user NAME " +
        "(from the sources: dotnet run --project src/OneStop.Workflows.Server -- create-admin --user NAME), the password on standard input " +
        "or in ONESTOP_ADMIN_PASSWORD; see docs/operations.md, \"The first administrator\".";

    public static WebApplication MapOneStop(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ReverseProxySettings>().Forwarding is { } forwarding)
        {
            app.UseForwardedHeaders(forwarding);
        }

        app.UseMiddleware<SecurityHeaders>();
        // A request the framework cannot bind (e.g. ?version=abc) is the caller's mistake (400), in Development too, not a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        // The API's errors are ProblemDetails; a page that does not exist is the UI's not-found page.
        app.UseWhen(c => !Ui.UiPaths.IsUi(c.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(c => Ui.UiPaths.IsUi(c.Request.Path), ui => ui.UseStatusCodePagesWithReExecute(Ui.UiRoutes.NotFound, "?status={0}"));
        app.UseRouting(); // after the status-code pages, so that their re-execution finds the not-found page's endpoint
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseMiddleware<InputTextMiddleware>();
        app.UseRateLimiter(); // the policies of Hosting/RateLimits: sign-in, token, refresh, progress query
        app.UseOneStopUiCulture();
        app.UseDesignerFiles(); // issue 11: the Studio's static files, before authorization
        app.UseOneStopAuth();
        app.UseAntiforgery();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealth();

        var api = app.MapGroup("/api");
        api.MapDefinitions();
        api.MapInstances();
        api.MapAuth();
        api.MapCatalogue();
        api.MapStaff();
        api.MapCases();
        api.MapCalendar();
        app.MapSupervision(api);
        api.MapClocks();
        api.MapSimulatedTime();
        app.MapOneStopUi();
        app.MapDesigner(); // issue 11: /designer host pages and /elsa/api
        return app;
    }
}
