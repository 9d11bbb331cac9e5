using Microsoft.Net.Http.Headers;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Standard response hardening on every response: no MIME sniffing, never framed, no referrer sent on; and
/// <c>Cache-Control: no-store</c> on every <c>/api</c> response that does not say how it may be cached itself (case
/// reads carry unmasked personal data, and shared caches or the browser's back button must not keep them).
/// Kestrel's <c>Server</c> header is switched off where Kestrel is configured (<see cref="ServerSetup"/>).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'";

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
            if (http.Request.Path.StartsWithSegments("/api") && string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
