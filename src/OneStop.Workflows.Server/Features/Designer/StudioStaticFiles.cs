using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// The Studio package's files under <c>/designer</c>, before authorization (they carry no data): <c>.dat</c> as
/// <c>application/octet-stream</c> (else the ICU file is not served and Blazor never boots); the shipped <c>.br</c> (or <c>.gz</c>)
/// copy with <c>Content-Encoding</c> when the request accepts it; fingerprinted <c>_framework</c> files cached as immutable, the
/// rest revalidated. The package's own <c>index.html</c> is never served (Google Fonts, the wrong base and element): the host pages
/// (<see cref="StudioHostPages"/>) are generated.
/// </summary>
public static partial class StudioStaticFiles
{
    public const string BasePath = "/designer";

    /// <summary>The cache header of a fingerprinted file (its name changes with its content).</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>The cache header of every other package file: kept, but asked again (ETag) before each use.</summary>
    public const string Revalidate = "no-cache";

    private static readonly (string Token, string Extension)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public static WebApplication UseStudioFiles(this WebApplication app)
    {
        if (app.Services.GetRequiredService<StudioPackage>().Folder is not { } folder)
        {
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(BasePath) && (HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method)), studio =>
        {
            studio.Use((context, next) => ChooseEncoding(context, files, next));
            studio.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = BasePath,
                FileProvider = new WithoutIndexHtml(files),
                ContentTypeProvider = new StudioContentTypes(),
                OnPrepareResponse = Prepare,
            });
        });
        return app;
    }

    /// <summary>A request for a file with a compressed copy that the client accepts is served that copy (same content type).</summary>
    private static Task ChooseEncoding(HttpContext context, IFileProvider files, Func<Task> next)
    {
        var path = context.Request.Path.Value!;
        var relative = path[BasePath.Length..];
        if (relative.Length > 1 && !relative.EndsWith(".br", StringComparison.Ordinal) && !relative.EndsWith(".gz", StringComparison.Ordinal) && files.GetFileInfo(relative).Exists)
        {
            var accepted = context.Request.Headers.AcceptEncoding.ToString();
            foreach (var (token, extension) in Encodings)
            {
                if (Accepts(accepted, token) && files.GetFileInfo(relative + extension).Exists)
                {
                    context.Request.Path = path + extension;
                    context.Items[typeof(StudioStaticFiles)] = token;
                    break;
                }
            }
        }

        return next();
    }

    private static void Prepare(StaticFileResponseContext file)
    {
        var http = file.Context;
        var headers = http.Response.Headers;
        if (http.Items[typeof(StudioStaticFiles)] is string encoding)
        {
            headers.ContentEncoding = encoding;
            headers.ContentLength = file.File.Length;
        }

        headers.Vary = HeaderNames.AcceptEncoding;
        var path = http.Request.Path.Value!;
        headers.CacheControl = IsFingerprinted(path) ? Immutable : Revalidate;
    }

    /// <summary>A <c>_framework</c> file whose name carries the build's content hash (e.g. <c>MudBlazor.fk4q4b3gx5.wasm</c>).</summary>
    public static bool IsFingerprinted(string path) =>
        path.Contains("/_framework/", StringComparison.Ordinal) && Fingerprint().IsMatch(Path.GetFileName(path));

    private static bool Accepts(string acceptEncoding, string token) =>
        acceptEncoding.Split(',').Select(p => p.Split(';')).Any(p => p[0].Trim().Equals(token, StringComparison.OrdinalIgnoreCase)
            && !(p.Length > 1 && p[1].Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    [GeneratedRegex(@"\.[a-z0-9]{10}\.[a-z]+(\.br|\.gz)?$")]
    private static partial Regex Fingerprint();

    /// <summary>Content types by the file's own extension (a <c>.br</c> / <c>.gz</c> copy has its original's type); <c>.dat</c> added.</summary>
    private sealed class StudioContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _known = Known();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            var original = subpath.EndsWith(".br", StringComparison.Ordinal) || subpath.EndsWith(".gz", StringComparison.Ordinal) ? subpath[..^3] : subpath;
            return _known.TryGetContentType(original, out contentType!);
        }

        private static FileExtensionContentTypeProvider Known()
        {
            var provider = new FileExtensionContentTypeProvider();
            provider.Mappings[".dat"] = "application/octet-stream";
            provider.Mappings[".wasm"] = "application/wasm";
            provider.Mappings[".json"] = "application/json";
            provider.Mappings[".webmanifest"] = "application/manifest+json";
            return provider;
        }
    }

    /// <summary>The package's files except its <c>index.html</c>.</summary>
    private sealed class WithoutIndexHtml(IFileProvider files) : IFileProvider
    {
        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IFileInfo GetFileInfo(string subpath) =>
            subpath.TrimStart('/').StartsWith("index.html", StringComparison.OrdinalIgnoreCase) ? new NotFoundFileInfo(subpath) : files.GetFileInfo(subpath);

        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => files.Watch(filter);
    }
}
