namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>Where <c>POST /api/admin/clock</c> with <c>to</c> moves the simulated clock.</summary>
public enum ClockTarget
{
    /// <summary>The start of business (09:00, centre's zone) of the first working day after today, per the effective calendar.</summary>
    NextWorkingDay,

    /// <summary>The due instant of the earliest pending (not yet fired) supervision signal; the sweep then fires it.</summary>
    NextDueSignal,
}
