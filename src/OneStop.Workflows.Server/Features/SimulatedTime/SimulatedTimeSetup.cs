using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Application.SimulatedTime;

namespace OneStop.Workflows.Server.Features.SimulatedTime;

/// <summary>Registers the NodaTime <see cref="IClock"/> every part of the server reads, as <c>Clock:Mode</c> says.</summary>
public static class SimulatedTimeSetup
{
    public const string ModeKey = "Clock:Mode";

    public const string StartKey = "Clock:Start";

    /// <summary>
    /// <c>Clock:Mode</c> = <c>System</c> (default): <see cref="SystemClock.Instance"/>. <c>Simulated</c>: one <see cref="SimulatedClock"/>
    /// (starting at <c>Clock:Start</c> if set, else the real time), registered as itself and as <see cref="IClock"/>; refused in Production.
    /// </summary>
    public static WebApplicationBuilder AddOneStopClock(this WebApplicationBuilder builder)
    {
        var mode = ParseMode(builder.Configuration[ModeKey]);
        var services = builder.Services;
        if (mode == ClockMode.System)
        {
            services.AddSingleton<IClock>(SystemClock.Instance);
            return builder;
        }

        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{ModeKey}=Simulated is refused in the Production environment: a simulated clock is for demos, training and tests. " +
                $"Remove the setting (or set {ModeKey}=System), or run with another ASPNETCORE_ENVIRONMENT.");
        }

        var start = builder.Configuration[StartKey] is { Length: > 0 } text
            ? ClockText.ParseInstant(text) ?? throw new InvalidOperationException(
                $"{StartKey}='{text}' is not an ISO-8601 date-time with an offset (e.g. 2025-09-26T09:00:00+08:00).")
            : (Instant?)null;
        var clock = start is { } at ? new SimulatedClock(at) : new SimulatedClock();
        services.AddSingleton(clock);
        services.AddSingleton<IClock>(clock);
        return builder;
    }

    private static ClockMode ParseMode(string? text) => text switch
    {
        null or "" => ClockMode.System,
        _ when Enum.TryParse<ClockMode>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) => mode,
        _ => throw new InvalidOperationException($"{ModeKey}='{text}' is not a clock mode; use System (the default) or Simulated."),
    };

    /// <summary>Routes: read the clock; set or advance it when simulated.</summary>
    public static RouteGroupBuilder MapSimulatedTime(this RouteGroupBuilder api) => api.MapAdminClock();
}
