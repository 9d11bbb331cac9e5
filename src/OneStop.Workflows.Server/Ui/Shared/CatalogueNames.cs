using OneStop.Workflows.Application.Catalogue;

namespace OneStop.Workflows.Server.Ui.Shared;

/// <summary>
/// Department and service-item names for a circuit's pages (codes are not for people): read once through the
/// catalogue's use cases, the department in the page's language, the item's name as the catalogue writes it (bilingual data).
/// </summary>
public sealed class CatalogueNames(UseCaseRunner runner)
{
    private Dictionary<string, (string Chinese, string English)>? _departments;
    private Dictionary<string, string>? _items;

    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (_departments is null
            && (await runner.RunAsync<ListDepartments, ListDepartments.Response>((uc, a, c) => uc.ExecuteAsync(new ListDepartments.Query(), a, c), ct)).Value is { } departments)
        {
            _departments = departments.Items.ToDictionary(d => d.Code, d => (d.ChineseName, d.EnglishName));
        }

        if (_items is null
            && (await runner.RunAsync<ListServiceItems, ListServiceItems.Response>((uc, a, c) => uc.ExecuteAsync(new ListServiceItems.Query(), a, c), ct)).Value is { } items)
        {
            _items = items.Items.ToDictionary(i => i.Code, i => i.Name);
        }
    }

    public string Department(string? code) =>
        code is null ? "" : _departments?.GetValueOrDefault(code) is { } name ? (UiCulture.IsEnglish ? name.English : name.Chinese) : code;

    public string ServiceItem(string? code) => code is null ? "" : _items?.GetValueOrDefault(code) ?? code;
}
