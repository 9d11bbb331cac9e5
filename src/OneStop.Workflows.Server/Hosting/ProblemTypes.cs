namespace OneStop.Workflows.Server.Hosting;

/// <summary>Stable <c>type</c> URIs of our ProblemDetails (documented in docs/api.md).</summary>
public static class ProblemTypes
{
    private const string Base = "https://onestop.example/problems/";
    public const string InvalidDefinition = Base + "invalid-definition";
    public const string InvalidRequest = Base + "invalid-request";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string Forbidden = Base + "forbidden";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string Gone = Base + "gone";
    public const string ShuttingDown = Base + "shutting-down";

    public const string Busy = Base + "busy";
}
