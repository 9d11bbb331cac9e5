using NodaTime;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>Which clock the server reads.</summary>
public enum ClockMode
{
    /// <summary>The real time (<see cref="SystemClock"/>); the default and the only mode allowed in Production.</summary>
    System,

    /// <summary>A <see cref="SimulatedClock"/> that administrators set or advance (<c>/api/admin/clock</c>).</summary>
    Simulated,
}
