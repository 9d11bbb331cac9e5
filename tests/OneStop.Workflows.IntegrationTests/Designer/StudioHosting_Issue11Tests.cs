using System.IO.Compression;
using System.Net;
using System.Text;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Features.Designer;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>
/// Issue 11: the Studio's static files and host pages, on a package folder laid out as the npm package is (fingerprinted
/// <c>_framework</c> files with their shipped <c>.br</c> copies, the ICU <c>.dat</c>, the package's own index.html), and without the package.
/// </summary>
public sealed class StudioHosting_Issue11Tests : IAsyncLifetime
{
    private const string Wasm = "/designer/_framework/Elsa.Studio.Core.abcdef1234.wasm";
    private const string Icu = "/designer/_framework/icudt.oh1zvcfom8.dat";
    private const string Loader = "/designer/_framework/blazor.webassembly.js";
    private static readonly byte[] WasmBytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\0asm module bytes ", 200)));

    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-studio-host-").FullName;
    private OneStopApiFactory _withPackage = null!;
    private OneStopApiFactory _withoutPackage = null!;

    public async Task InitializeAsync()
    {
        var package = Path.Combine(_folder, "package");
        var framework = Directory.CreateDirectory(Path.Combine(package, "_framework")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(framework, "Elsa.Studio.Core.abcdef1234.wasm"), WasmBytes);
        await using (var br = new BrotliStream(File.Create(Path.Combine(framework, "Elsa.Studio.Core.abcdef1234.wasm.br")), CompressionLevel.Optimal))
        {
            await br.WriteAsync(WasmBytes);
        }

        await File.WriteAllBytesAsync(Path.Combine(framework, "icudt.oh1zvcfom8.dat"), [1, 2, 3, 4]);
        await File.WriteAllTextAsync(Path.Combine(framework, "blazor.webassembly.js"), "/* loader */");
        await File.WriteAllTextAsync(Path.Combine(package, "index.html"), "<link href=\"https://fonts.googleapis.com/css\">");

        _withPackage = Factory(package);
        _withoutPackage = Factory(Path.Combine(_folder, "not-installed"));
    }

    public async Task DisposeAsync()
    {
        await _withPackage.DisposeAsync();
        await _withoutPackage.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task StaticFiles_Issue11_AreServedWithoutSignInWithTheirTypesEncodingAndCaching()
    {
        using var anonymous = _withPackage.AnonymousClient();

        var icu = await anonymous.GetAsync(Icu);
        icu.StatusCode.Should().Be(HttpStatusCode.OK);
        icu.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        icu.Headers.CacheControl!.ToString().Should().Contain("immutable");

        using var brotli = new HttpRequestMessage(HttpMethod.Get, Wasm);
        brotli.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        var compressed = await anonymous.SendAsync(brotli);
        compressed.StatusCode.Should().Be(HttpStatusCode.OK);
        compressed.Content.Headers.ContentEncoding.Should().Equal("br");
        compressed.Content.Headers.ContentType!.MediaType.Should().Be("application/wasm");
        compressed.Headers.Vary.Should().Contain("Accept-Encoding");
        compressed.Headers.CacheControl!.ToString().Should().Be(StudioStaticFiles.Immutable);
        await using (var decoded = new BrotliStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            await decoded.CopyToAsync(copy);
            copy.ToArray().Should().Equal(WasmBytes);
        }

        var plain = await anonymous.GetAsync(Wasm);
        plain.Content.Headers.ContentEncoding.Should().BeEmpty("the request did not accept br");
        (await plain.Content.ReadAsByteArrayAsync()).Should().Equal(WasmBytes);
        plain.Headers.Vary.Should().Contain("Accept-Encoding");

        var loader = await anonymous.GetAsync(Loader);
        loader.StatusCode.Should().Be(HttpStatusCode.OK);
        loader.Headers.CacheControl!.ToString().Should().Be(StudioStaticFiles.Revalidate, "its name has no fingerprint");

        (await anonymous.GetAsync("/designer/index.html")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the package's own page is never served");

        // Ours, not the package's: the host pages' adapter that hands the Studio a stale save's 409 as a 400 (docs/adr/0014-studio-saves.md).
        var adapter = await anonymous.GetAsync("/designer/" + StudioHostPages.SaveConflictFile);
        adapter.StatusCode.Should().Be(HttpStatusCode.OK);
        adapter.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        adapter.Headers.CacheControl!.ToString().Should().Be(StudioStaticFiles.Revalidate, "its name has no fingerprint");
        (await adapter.Content.ReadAsStringAsync()).Should().Contain("window.fetch").And.Contain("409");
    }

    [Fact]
    public async Task HostPages_Issue11_LoadTheStudioAgainstThisServersApi()
    {
        using var designer = await _withPackage.CookieClientAsync("designer");

        var list = await PageAsync(designer, "/designer");
        list.Should().Contain("<base href=\"/designer/\" />").And.Contain("<elsa-workflow-definition-list").And.Contain("remote-endpoint=\"http://localhost/elsa/api\"")
            .And.Contain("editWorkflowDefinition").And.Contain("_framework/blazor.webassembly.js").And.Contain("_content/MudBlazor/MudBlazor.min.css")
            .And.NotContain("fonts.googleapis");
        (await PageAsync(designer, "/designer/definitions")).Should().Contain("<elsa-workflow-definition-list");
        var editor = await PageAsync(designer, "/designer/editor/restaurant-opening");
        editor.Should().Contain("<elsa-workflow-definition-editor definition-id=\"restaurant-opening\" remote-endpoint=\"http://localhost/elsa/api\">");
        // The save-conflict adapter is loaded before the Studio boots, told the one address it touches.
        var adapter = $"<script src=\"{StudioHostPages.SaveConflictFile}\" data-save-url=\"http://localhost/elsa/api/workflow-definitions\"></script>";
        editor.Should().Contain(adapter);
        editor.IndexOf(adapter, StringComparison.Ordinal).Should().BeLessThan(editor.IndexOf("_framework/blazor.webassembly.js", StringComparison.Ordinal));
        (await PageAsync(designer, "/designer/instances")).Should().Contain("<elsa-workflow-instance-list remote-endpoint=\"http://localhost/elsa/api\">");

        var unknown = await designer.GetAsync("/designer/editor/no-such-flow");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("text/html", "the web UI's not-found page");

        using var supervisor = await _withPackage.CookieClientAsync("supervisor");
        (await PageAsync(supervisor, "/designer/editor/restaurant-opening")).Should().Contain("<elsa-workflow-definition-editor");
    }

    [Fact]
    public async Task HostPages_Issue11_SendABrowserToSignInOrTheRefusalPage()
    {
        using var anonymous = _withPackage.AnonymousClient();
        var signIn = await anonymous.SendAsync(Html("/designer/editor/restaurant-opening"));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().StartWith("/sign-in").And.Contain(Uri.EscapeDataString("/designer/editor/restaurant-opening"));

        using var clerk = await _withPackage.CookieClientAsync("clerk.market");
        var refused = await clerk.SendAsync(Html("/designer"));
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().StartWith("/refused");
    }

    [Fact]
    public async Task HostPage_Issue11_WithoutThePackage_SaysWhatToInstallInBothLanguages()
    {
        using var designer = await _withoutPackage.CookieClientAsync("designer");

        var page = await PageAsync(designer, "/designer");

        page.Should().Contain("流程设计器尚未安装").And.Contain("The designer is not installed").And.Contain("npm")
            .And.Contain(StudioPackage.Name + "@" + StudioPackage.Version).And.NotContain("<elsa-");
        (await designer.GetAsync(Icu)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var api = await designer.GetAsync("/elsa/api/descriptors/activities");
        api.StatusCode.Should().Be(HttpStatusCode.OK, "the API does not need the package");
    }

    private OneStopApiFactory Factory(string studioPath) => new("Sqlite",
        $"Data Source={Path.Combine(_folder, Path.GetFileName(studioPath) + ".db")}", new Dictionary<string, string?> { ["Designer:StudioPath"] = studioPath });

    private static HttpRequestMessage Html(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var request = Html(url);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{url}: {text}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return text;
    }
}
