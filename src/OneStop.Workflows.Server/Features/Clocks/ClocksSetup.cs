namespace OneStop.Workflows.Server.Features.Clocks;

/// <summary>A case's clocks: read them; suspend for an Art. 45 procedure and end it; extend once before expiry (the use cases are in Application/Clocks).</summary>
public static class ClocksSetup
{
    public static RouteGroupBuilder MapClocks(this RouteGroupBuilder api)
    {
        api.MapGetClocks();
        api.MapSuspendClock();
        api.MapEndSuspension();
        api.MapExtendDeadline();
        api.MapExplainDeadline();
        return api;
    }
}
