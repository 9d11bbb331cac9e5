namespace OneStop.Workflows.Application;

/// <summary>A page of a list: <see cref="PageNumber"/> counts from 0, as in <c>GET /api/cases</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageNumber, int PageSize);

/// <summary>The one paging rule's bounds (docs/api.md "Paging") and its arithmetic, shared by the list use cases and the server.</summary>
public static class Page
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultSize = 20;

    /// <summary>The largest page size one may ask for.</summary>
    public const int MaxSize = 200;

    /// <summary>The last page (from 0) one may ask for (a list deeper than 100,000 pages is filtered, not paged through).</summary>
    public const int MaxNumber = 100_000;

    /// <summary>The rows before page <paramref name="number"/> (from 0) of <paramref name="size"/> rows, computed in 64 bits.</summary>
    public static int Skip(int number, int size) => checked((int)((long)number * size));
}
