using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NodaTime;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Persistence;

/// <summary>
/// Issue 9: JSON columns of flat records and of lists of them are compared by value and snapshot cheaply, and a change
/// made in place (a suspension added to the list, one replaced at its index) is still detected.
/// </summary>
public sealed class JsonColumnComparers_Issue9Tests
{
    private static readonly Instant At = Instant.FromUtc(2026, 12, 1, 2, 0);

    private static ValueComparer ComparerOf(string property)
    {
        var builder = new DbContextOptionsBuilder<SqliteOneStopDbContext>();
        OneStopDbContextOptions.Configure(builder, new OneStopDatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        using var db = new SqliteOneStopDbContext(builder.Options);
        return db.Model.FindEntityType(typeof(Clock))!.FindProperty(property)!.GetValueComparer();
    }

    [Fact]
    public void A_list_of_records_changed_in_place_differs_from_its_snapshot()
    {
        var comparer = ComparerOf(nameof(Clock.Suspensions));
        var list = new List<Suspension> { Suspension(1) };
        var snapshot = (List<Suspension>)comparer.Snapshot(list)!;

        comparer.Equals(list, snapshot).Should().BeTrue();
        list.Add(Suspension(2));
        comparer.Equals(list, snapshot).Should().BeFalse("an added element is a change");
        snapshot = (List<Suspension>)comparer.Snapshot(list)!;
        list[0] = list[0] with { To = new LocalDate(2026, 12, 3) };
        comparer.Equals(list, snapshot).Should().BeFalse("an element replaced at its index is a change");
        comparer.Equals(new List<Suspension> { Suspension(1) }, new List<Suspension> { Suspension(1) }).Should().BeTrue("equal by value");
    }

    [Fact]
    public void A_flat_record_is_compared_by_value()
    {
        var comparer = ComparerOf(nameof(Clock.Promised));

        comparer.Equals(TimeLimit.WorkingDays(20), TimeLimit.WorkingDays(20)).Should().BeTrue();
        comparer.Equals(TimeLimit.WorkingDays(20), TimeLimit.WorkingDays(15)).Should().BeFalse();
        comparer.Equals(null, TimeLimit.WorkingDays(20)).Should().BeFalse();
        comparer.Equals(null, null).Should().BeTrue();
    }

    private static Suspension Suspension(int day) =>
        new(new Guid(day, 0, 0, new byte[8]), SuspensionType.ExpertReview, null, new LocalDate(2026, 12, day), null, 5, "notice", "head.fire", At);
}
