using System.Net;
using System.Text;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// The designer's host pages: each loads the Studio package's styles and scripts under <c>&lt;base href="/designer/"&gt;</c> and holds
/// one of the Studio's custom elements pointed at this server's <c>/elsa/api</c> (same origin, so the sign-in cookie goes with every
/// call). They need a signed-in designer, supervisor or administrator (a browser is sent to sign in, or to the refusal page).
/// Without the package each says, in Chinese and English, what to install. Each Studio page also loads our save-conflict adapter
/// (<see cref="SaveConflictScript"/>) before the Studio boots.
/// </summary>
public static class StudioHostPages
{
    public const string List = "/designer";
    public const string Definitions = "/designer/definitions";
    public const string Editor = "/designer/editor/{definitionId}";
    public const string Instances = "/designer/instances";
    public const string Instance = "/designer/instances/{instanceId}";

    /// <summary>The address of the editor of a definition.</summary>
    public static string EditorOf(string definitionId) => "/designer/editor/" + Uri.EscapeDataString(definitionId);

    public static void MapStudioHostPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(List, ListPage).RequireAuthorization(DesignerSetup.Policy).ExcludeFromDescription();
        app.MapGet(Definitions, ListPage).RequireAuthorization(DesignerSetup.Policy).ExcludeFromDescription();
        app.MapGet(Editor, EditorPageAsync).RequireAuthorization(DesignerSetup.Policy).ExcludeFromDescription();
        app.MapGet(Instances, InstanceListPage).RequireAuthorization(DesignerSetup.Policy).ExcludeFromDescription();
        app.MapGet(Instance, InstancePageAsync).RequireAuthorization(DesignerSetup.Policy).ExcludeFromDescription();
    }

    private static IResult ListPage(HttpContext http, StudioPackage package) => Page(http, package,
        $"<elsa-workflow-definition-list id=\"list\" remote-endpoint=\"{Endpoint(http)}\"></elsa-workflow-definition-list>\n" +
        "<script>customElements.whenDefined('elsa-workflow-definition-list').then(() => {\n" +
        "  document.getElementById('list').editWorkflowDefinition = id => { location.href = '/designer/editor/' + encodeURIComponent(id); };\n" +
        "});</script>");

    /// <summary>Issue 11 instances: the list opens a row in the viewer (the element's <c>viewWorkflowInstance</c>, as the definition list's edit).</summary>
    private static IResult InstanceListPage(HttpContext http, StudioPackage package) => Page(http, package,
        $"<elsa-workflow-instance-list remote-endpoint=\"{Endpoint(http)}\"></elsa-workflow-instance-list>\n" +
        "<script>customElements.whenDefined('elsa-workflow-instance-list').then(() => {\n" +
        "  document.querySelector('elsa-workflow-instance-list').viewWorkflowInstance = id => { location.href = '/designer/instances/' + encodeURIComponent(id); };\n" +
        "});</script>");

    private static async Task<IResult> EditorPageAsync(string definitionId, HttpContext http, StudioPackage package, FindDefinitionVersion find, CancellationToken ct)
    {
        // The Studio crashes on a definition it cannot load: an unknown one is this server's not-found page instead.
        var found = await find.ExecuteAsync(FindDefinitionVersion.ByDefinitionId(definitionId, VersionOptions.Latest), CurrentUser.From(http.User)!, ct);
        return found.Refusal is { } refusal ? Refused(refusal)
            : Page(http, package, $"<elsa-workflow-definition-editor definition-id=\"{Attribute(definitionId)}\" remote-endpoint=\"{Endpoint(http)}\"></elsa-workflow-definition-editor>");
    }

    private static async Task<IResult> InstancePageAsync(string instanceId, HttpContext http, StudioPackage package, GetStudioInstance get, CancellationToken ct)
    {
        // Issue 11: supervisors view instances too (the Studio's own reads use the same use case).
        var found = await get.ExecuteAsync(new(instanceId), CurrentUser.From(http.User)!, ct);
        return found.Refusal is { } refusal ? Refused(refusal)
            : Page(http, package, $"<elsa-workflow-instance-viewer instance-id=\"{Attribute(instanceId)}\" remote-endpoint=\"{Endpoint(http)}\"></elsa-workflow-instance-viewer>\n" +
                "<script>customElements.whenDefined('elsa-workflow-instance-viewer').then(() => {\n" +
                "  document.querySelector('elsa-workflow-instance-viewer').editWorkflowDefinition = id => { location.href = '/designer/editor/' + encodeURIComponent(id); };\n" +
                "});</script>");
    }

    /// <summary>A refusal of a page: not found → the UI's not-found page; forbidden → the refusal page (the cookie's forbid); else its status.</summary>
    private static IResult Refused(Domain.Shared.Refusal refusal) => refusal.Kind switch
    {
        Domain.Shared.RefusalKind.NotFound => Results.NotFound(),
        Domain.Shared.RefusalKind.Forbidden => Results.Forbid(),
        _ => Results.BadRequest(),
    };

    private static IResult Page(HttpContext http, StudioPackage package, string element) =>
        Results.Content(package.IsInstalled ? StudioPage(element, SaveConflictScript(http)) : MissingPackagePage(), "text/html; charset=utf-8", Encoding.UTF8);

    /// <summary>Our file under <c>wwwroot/designer</c> (relative to the page's base) that hands the Studio a save's 409 as a 400.</summary>
    public const string SaveConflictFile = "onestop-save-conflict.js";

    /// <summary>
    /// Issue 11 (docs/adr/0014-studio-saves.md, "Revised"): a save on a stale base is a 409 on the wire, which Elsa Studio
    /// 3.8.2 drops silently; this script, loaded before the Studio boots, hands the Studio that one answer (a 409 problem+json to
    /// <c>POST {remote-endpoint}/workflow-definitions</c>) as a 400, so it shows the conflict message. Remove with a Studio that shows 409s.
    /// </summary>
    internal static string SaveConflictScript(HttpContext http) =>
        $"<script src=\"{SaveConflictFile}\" data-save-url=\"{Endpoint(http)}/workflow-definitions\"></script>";

    private static string Attribute(string value) => WebUtility.HtmlEncode(value);

    /// <summary>
    /// This server's <c>/elsa/api</c> as an absolute address on the page's own origin (the Studio takes a relative one for a file path).
    /// Behind a reverse proxy the forwarded scheme and host count (<see cref="Hosting.ReverseProxy"/>).
    /// </summary>
    internal static string Endpoint(HttpContext http) =>
        Attribute($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{DesignerSetup.ApiBase}");

    /// <summary>The Studio: the package's styles and scripts (as its own index.html lists them, without the external fonts) around one element.</summary>
    internal static string StudioPage(string element, string head = "") => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{{StudioTexts.Title}}</title>
            <base href="/designer/" />
            <link rel="icon" type="image/png" sizes="32x32" href="_content/Elsa.Studio.Shell/favicon-32x32.png" />
            <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet" />
            <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet" />
            <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet" />
            <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet" />
            <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet" />
            <style>html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", Roboto, Arial, sans-serif; }</style>
            {{head}}
        </head>
        <body>
        {{element}}
        <div id="blazor-error-ui" style="display:none">{{StudioTexts.Error}} <a href="" class="reload">{{StudioTexts.Reload}}</a></div>
        <script src="_content/BlazorMonaco/jsInterop.js"></script>
        <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
        <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
        <script src="_content/MudBlazor/MudBlazor.min.js"></script>
        <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
        <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
        <script src="_framework/blazor.webassembly.js"></script>
        </body>
        </html>
        """;

    /// <summary>The page shown while the package is not installed: what to install, in both languages.</summary>
    internal static string MissingPackagePage() => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{{StudioTexts.Title}}</title>
            <style>
                body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", Roboto, Arial, sans-serif; margin: 3rem auto; max-width: 46rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.6; }
                code, pre { background: #f2f4f7; padding: .1rem .3rem; border-radius: 3px; }
                pre { padding: .8rem; overflow-x: auto; }
                section + section { border-top: 1px solid #d0d5dd; margin-top: 2rem; }
            </style>
        </head>
        <body>
        <main>
        <section lang="zh-CN">
            <h1>{{StudioTexts.MissingTitleZh}}</h1>
            <p>{{StudioTexts.MissingBodyZh}}</p>
            <pre>{{StudioTexts.InstallCommands}}</pre>
            <p>{{StudioTexts.MissingAfterZh}}</p>
        </section>
        <section lang="en">
            <h2>{{StudioTexts.MissingTitleEn}}</h2>
            <p>{{StudioTexts.MissingBodyEn}}</p>
            <pre>{{StudioTexts.InstallCommands}}</pre>
            <p>{{StudioTexts.MissingAfterEn}}</p>
        </section>
        <p><a href="/">{{StudioTexts.BackHome}}</a></p>
        </main>
        </body>
        </html>
        """;
}

/// <summary>The host pages' own texts (the Studio's chrome itself is English only in this package).</summary>
internal static class StudioTexts
{
    public const string Title = "流程设计器 Designer — OneStop";
    public const string Error = "设计器出错了 An error occurred in the designer.";
    public const string Reload = "重新加载 Reload";
    public const string MissingTitleZh = "流程设计器尚未安装";
    public const string MissingBodyZh = "流程设计器（Elsa Studio，npm 包 " + StudioPackage.Name + "@" + StudioPackage.Version + "）在构建服务器时由 npm 安装，本机没有找到它。请安装 Node.js 和 npm，然后重新构建：";
    public const string MissingAfterZh = "然后重新启动服务器。其他功能不受影响。";
    public const string MissingTitleEn = "The designer is not installed";
    public const string MissingBodyEn = "The designer (Elsa Studio, npm package " + StudioPackage.Name + "@" + StudioPackage.Version + ") is installed by npm when the server is built, and it was not found on this machine. Install Node.js and npm, then build again:";
    public const string MissingAfterEn = "Then restart the server. Everything else works without it.";
    public const string InstallCommands = "apt-get install nodejs npm      # Debian / Ubuntu\ndotnet build src/OneStop.Workflows.Server   # runs npm ci in src/OneStop.Workflows.Server/designer";
    public const string BackHome = "返回首页 Back to the home page";
}
