using System.Globalization;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>A page of a list as asked for: <see cref="Number"/> counts from 0; <see cref="Skip"/> rows come before it.</summary>
public readonly record struct PageRequest(int Number, int Size)
{
    /// <summary>The rows before the page, computed in 64 bits; the caps of <see cref="Paging"/> keep it far below <see cref="int.MaxValue"/>.</summary>
    public int Skip => Page.Skip(Number, Size);
}

/// <summary>
/// The one paging rule of every list route (docs/api.md "Paging"): <c>page</c> a whole number from 0 to <see cref="MaxPage"/>
/// (default 0), <c>pageSize</c> from 1 to <see cref="MaxPageSize"/> (default <see cref="DefaultPageSize"/>); anything else → 400 naming the parameter.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = Page.DefaultSize;

    public const int MaxPageSize = Page.MaxSize;

    /// <summary>The last page one may ask for (<see cref="Page.MaxNumber"/>).</summary>
    public const int MaxPage = Page.MaxNumber;

    /// <summary>Reads <c>page</c> and <c>pageSize</c> from the query string; each problem goes into <paramref name="errors"/>.</summary>
    public static PageRequest Read(string? page, string? pageSize, IDictionary<string, string[]> errors)
    {
        var number = 0;
        var size = DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(page) && !(TryWhole(page, out number) && number <= MaxPage))
        {
            errors["page"] = [$"'{InputText.Quote(page)}' is not a page number: a whole number from 0 (the first page) to {MaxPage}."];
            number = 0;
        }

        if (!string.IsNullOrWhiteSpace(pageSize) && !(TryWhole(pageSize, out size) && size is >= 1 and <= MaxPageSize))
        {
            errors["pageSize"] = [$"'{InputText.Quote(pageSize)}' is not a page size: a whole number from 1 to {MaxPageSize}."];
            size = DefaultPageSize;
        }

        return new PageRequest(number, size);
    }

    private static bool TryWhole(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
