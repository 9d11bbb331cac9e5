using Microsoft.Net.Http.Headers;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Standard response hardening on every response: no MIME sniffing, never framed, no referrer sent on; and
/// <c>Cache-Control: no-store</c> on every API response and web UI page that does not say how it may be cached itself
/// (case reads and pages carry unmasked personal data, and shared caches or the browser's back button must not keep them).
/// Kestrel's <c>Server</c> header is switched off where Kestrel is configured (<see cref="ServerSetup"/>).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'";

    // Fingerprinted static files (scripts, styles) say how they are cached themselves; every other answer is personal data or may be.
    private static bool IsStaticFile(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/_content") || http.Request.Path.StartsWithSegments("/_framework") || Path.HasExtension(http.Request.Path.Value);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.Remove(HeaderNames.Server);
            if (string.IsNullOrEmpty(headers.CacheControl) && !IsStaticFile(http))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
