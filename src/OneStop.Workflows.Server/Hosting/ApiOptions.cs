namespace OneStop.Workflows.Server.Hosting;

/// <summary>HTTP API settings (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Request bodies larger than this are refused with 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
