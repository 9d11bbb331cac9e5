using NodaTime;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>The official calendars shipped with the product (domain-rules §2). Later years are imported by administrators.</summary>
public static class ShippedCalendars
{
    public static CalendarYear Year2025 { get; } = new(2025,
        [Day(2025, 1, 1), Range(2025, 1, 28, 2, 4), Range(2025, 4, 4, 4, 6), Range(2025, 5, 1, 5, 5), Range(2025, 5, 31, 6, 2), Range(2025, 10, 1, 10, 8)],
        [new(2025, 1, 26), new(2025, 2, 8), new(2025, 4, 27), new(2025, 9, 28), new(2025, 10, 11)],
        "State Council General Office notice of 2024-11-12");

    public static CalendarYear Year2026 { get; } = new(2026,
        [Range(2026, 1, 1, 1, 3), Range(2026, 2, 15, 2, 23), Range(2026, 4, 4, 4, 6), Range(2026, 5, 1, 5, 5), Range(2026, 6, 19, 6, 21),
            Range(2026, 9, 25, 9, 27), Range(2026, 10, 1, 10, 7)],
        [new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10)],
        "State Council General Office notice of 2025-11-04");

    public static IReadOnlyList<CalendarYear> All { get; } = [Year2025, Year2026];

    private static DateRange Day(int y, int m, int d) => DateRange.Day(new LocalDate(y, m, d));

    private static DateRange Range(int y, int m1, int d1, int m2, int d2) => new(new LocalDate(y, m1, d1), new LocalDate(y, m2, d2));
}
