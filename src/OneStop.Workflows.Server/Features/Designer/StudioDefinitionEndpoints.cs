using System.Globalization;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// The Studio's definition reads under <c>/elsa/api</c> (use cases <see cref="ListDefinitionVersions"/>, <see cref="FindDefinitionVersion"/>,
/// <see cref="IsDefinitionNameUnique"/>). Query parameters arrive PascalCase (<c>Page=0</c>, <c>IsSystem=False</c>) and are read
/// case-insensitively; a value this server cannot read is a 400 naming it.
/// </summary>
public static class StudioDefinitionEndpoints
{
    public static void MapStudioDefinitions(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/workflow-definitions", ListAsync)
            .WithSummary("Definition versions, paged: versionOptions, DefinitionIds, Ids (version ids: any version when versionOptions is absent), SearchTerm, OrderBy (Name, Version, Created), OrderDirection, Page, PageSize.");
        elsa.MapGet("/workflow-definitions/by-definition-id/{definitionId}", ByDefinitionIdAsync)
            .WithSummary("The highest version of a definition that versionOptions selects (default Latest).");
        elsa.MapGet("/workflow-definitions/by-id/{versionId}", ByIdAsync).WithSummary("One exact definition version by its id.");
        elsa.MapGet("/workflow-definitions/validation/is-name-unique", IsNameUniqueAsync).WithSummary("{isUnique}: no other definition has this name.");
    }

    private static async Task<IResult> ListAsync(HttpContext http, ListDefinitionVersions list, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var versionIds = query["Ids"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        // The instance list asks for the versions its instances run (Ids=…) without versionOptions: any version, not only the latest.
        var versions = versionIds.Count > 0 && string.IsNullOrEmpty(query["versionOptions"]) ? VersionOptions.All : ReadVersions(query["versionOptions"], errors);
        var page = Paging.Read(query["Page"], query["PageSize"], errors);
        var order = DefinitionOrder.Name;
        if (query["OrderBy"].ToString() is { Length: > 0 } orderBy && !TryOrder(orderBy, out order))
        {
            errors["orderBy"] = [$"'{InputText.Quote(orderBy)}' is not an order: Name, Version or Created."];
        }

        var descending = false;
        if (query["OrderDirection"].ToString() is { Length: > 0 } direction)
        {
            descending = direction.Equals("Descending", StringComparison.OrdinalIgnoreCase);
            if (!descending && !direction.Equals("Ascending", StringComparison.OrdinalIgnoreCase))
            {
                errors["orderDirection"] = [$"'{InputText.Quote(direction)}' is not a direction: Ascending or Descending."];
            }
        }

        var system = false;
        if (query["IsSystem"].ToString() is { Length: > 0 } isSystem && !bool.TryParse(isSystem, out system))
        {
            errors["isSystem"] = [$"'{InputText.Quote(isSystem)}' is not True or False."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var actor = CurrentUser.From(http.User)!;
        var ids = query["DefinitionIds"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var result = await list.ExecuteAsync(new(versions, ids, query["SearchTerm"].ToString(), order, descending, page.Number, page.Size, versionIds), actor, ct);
        // This server has no system workflows: a list of them is empty.
        return result.ToHttp(found => Results.Json(DefinitionShapes.List(system ? new(Array.Empty<ListDefinitionVersions.VersionSummary>(), 0, page.Number, page.Size) : found,
            DefinitionRules.MayEdit(actor))));
    }

    private static async Task<IResult> ByDefinitionIdAsync(string definitionId, HttpContext http, FindDefinitionVersion find, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var versions = ReadVersions(http.Request.Query["versionOptions"], errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return (await find.ExecuteAsync(FindDefinitionVersion.ByDefinitionId(definitionId, versions), CurrentUser.From(http.User)!, ct))
            .ToHttp(found => Results.Json(DefinitionShapes.Definition(found)));
    }

    private static async Task<IResult> ByIdAsync(string versionId, HttpContext http, FindDefinitionVersion find, CancellationToken ct) =>
        (await find.ExecuteAsync(FindDefinitionVersion.ById(versionId), CurrentUser.From(http.User)!, ct)).ToHttp(found => Results.Json(DefinitionShapes.Definition(found)));

    private static async Task<IResult> IsNameUniqueAsync(HttpContext http, IsDefinitionNameUnique unique, CancellationToken ct)
    {
        var query = http.Request.Query;
        var definitionId = query["DefinitionId"].ToString();
        return (await unique.ExecuteAsync(new(query["Name"].ToString(), definitionId.Length > 0 ? definitionId : null), CurrentUser.From(http.User)!, ct)).ToHttp();
    }

    private static VersionOptions ReadVersions(string? text, Dictionary<string, string[]> errors)
    {
        if (VersionOptions.TryParse(text, out var versions))
        {
            return versions;
        }

        errors["versionOptions"] = [$"'{InputText.Quote(text ?? "")}' is not a version option: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a version number."];
        return VersionOptions.Latest;
    }

    private static bool TryOrder(string text, out DefinitionOrder order)
    {
        order = text.ToLower(CultureInfo.InvariantCulture) switch
        {
            "name" => DefinitionOrder.Name,
            "version" => DefinitionOrder.Version,
            "created" or "createdat" => DefinitionOrder.CreatedAt,
            _ => (DefinitionOrder)(-1),
        };
        return Enum.IsDefined(order);
    }
}
