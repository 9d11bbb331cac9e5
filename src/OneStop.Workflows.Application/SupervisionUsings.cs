// The supervision vocabulary (SignalLevel, SignalRules, PlannedSignal, LadderSettings, CardLadder …) lives in
// Domain/Supervision since issue 9 (it was in Domain/Clocks); every file of this project sees it without a using.
global using OneStop.Workflows.Domain.Supervision;
