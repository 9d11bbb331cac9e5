using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using NodaTime;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Server.Features.Admin;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Calendar;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Features.Clocks;
using OneStop.Workflows.Server.Features.Catalogue;
using OneStop.Workflows.Server.Features.Definitions;
using OneStop.Workflows.Server.Features.Health;
using OneStop.Workflows.Server.Features.Instances;
using OneStop.Workflows.Server.Features.Supervision;

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

        var services = builder.Services;
        services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        services.Configure<WorkflowFileOptions>(builder.Configuration.GetSection(WorkflowFileOptions.Section));
        builder.AddOneStopClock();
        services.AddSingleton(_ => ApprovalActivities.Catalogue());
        services.AddSingleton<CompiledWorkflowCache>();
        services.AddSingleton<DefinitionService>();
        services.AddSingleton<WorkflowHost>();
        services.AddSingleton<WorkflowFileImporter>();
        services.AddCases();
        services.AddClocks();
        services.AddOneStopPersistence(builder.Configuration);

        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<OneStopDbContext>("database");
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.AddOneStopAuth();
        builder.AddSupervision();
        services.AddSingleton<INodeNotificationHandler, Features.Calendar.CalendarChangedHandler>();
        services.AddSingleton<NodeNotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeNotificationListener>());
        return builder;
    }

    /// <summary>
    /// Applies migrations when configured to, seeds the calendar, puts the centre's ladder defaults in force (re-planning
    /// running clocks if they changed), imports <c>workflows/</c> and seeds the demo centre when configured to (the
    /// embedded default does all).
    /// </summary>
    public static async Task PrepareOneStopAsync(this WebApplication app, CancellationToken ct)
    {
        app.Logger.LogInformation("OneStop.Workflows database: {Database}", app.Services.GetRequiredService<OneStopDatabaseOptions>().Describe());
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await app.Services.MigrateOneStopDatabaseAsync(ct);
        }

        await app.Services.GetRequiredService<OneStop.Workflows.Persistence.Calendar.OfficialCalendar>().SeedAsync(ct);
        await app.Services.GetRequiredService<OneStop.Workflows.Persistence.Supervision.LadderDefaultsInForce>().ApplyAsync(ct);
        await app.Services.GetRequiredService<WorkflowFileImporter>().ImportAsync(ct);
        if (app.Configuration.GetValue("Seed:DemoCentre", true))
        {
            await app.Services.SeedDemoCentreAsync(ct);
            await app.Services.SeedDemoUsersAsync(ct);
        }
    }

    public static WebApplication MapOneStop(this WebApplication app)
    {
        // A request the framework cannot bind (e.g. ?version=abc) is the caller's mistake (400), in Development too, not a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseMiddleware<InputTextMiddleware>();
        app.UseOneStopAuth();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealth();

        var api = app.MapGroup("/api");
        api.MapSaveDefinition();
        api.MapGetDefinition();
        api.MapStartInstance();
        api.MapGetInstance();
        api.MapResumeBookmark();
        api.MapAuth();
        api.MapCatalogue();
        api.MapCases();
        api.MapCalendar();
        app.MapSupervision(api);
        api.MapClocks();
        api.MapAdminClock();
        return app;
    }
}
