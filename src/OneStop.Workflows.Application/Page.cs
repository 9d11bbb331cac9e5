namespace OneStop.Workflows.Application;

/// <summary>A page of a list: <see cref="PageNumber"/> counts from 0, as in <c>GET /api/cases</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int PageNumber, int PageSize);

/// <summary>Paging arithmetic shared by the list use cases.</summary>
public static class Page
{
    /// <summary>The rows before page <paramref name="number"/> (from 0) of <paramref name="size"/> rows, computed in 64 bits.</summary>
    public static int Skip(int number, int size) => checked((int)((long)number * size));
}
