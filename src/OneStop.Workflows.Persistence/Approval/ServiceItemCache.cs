using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Persistence.Approval;

/// <summary>
/// The service items this node has read, kept in memory (ADR 0012): every case step and submission needs its item, which
/// changes only when an administrator edits the catalogue. A hit costs no round trip; a miss reads on the caller's context
/// (and so in its transaction). Items that do not exist are not kept (an item created later is seen at once).
/// </summary>
/// <remarks>
/// <para>Invalidation: <c>UpdateServiceItem</c> announces the code on <see cref="ChangedChannel"/> in its transaction
/// (<see cref="AnnounceAsync"/>; PostgreSQL delivers it when that commits) and calls <see cref="Forget"/> on its own node after
/// the commit; the other nodes forget the code when they hear. A node that missed the notification (its listener was
/// reconnecting) reads the item again at the latest <c>Catalogue:ItemCacheSeconds</c> (default 30; 0 = never keep) after it
/// was kept. Times are wall-clock (<see cref="TimeProvider"/>), not the business clock, which an administrator may move.</para>
/// <para>Thread-safe. A read that started before a <see cref="Forget"/> does not put its (possibly older) answer back: every
/// forget advances a generation, and an answer is kept only if the generation is still the one seen before the read.
/// The kept <see cref="ServiceItem"/> is shared and untracked: callers must not change it.</para>
/// </remarks>
public sealed class ServiceItemCache(TimeProvider time, TimeSpan keep)
{
    /// <summary>The PostgreSQL channel a changed item's code is announced on, in the changing transaction.</summary>
    public const string ChangedChannel = "onestop_service_item";

    private readonly ConcurrentDictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The cache time from <c>Catalogue:ItemCacheSeconds</c> (default 30 s; 0 turns the cache off).</summary>
    public static TimeSpan KeepFrom(string? setting) =>
        TimeSpan.FromSeconds(setting is { Length: > 0 } s ? Math.Max(0, int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)) : 30);

    /// <summary>The item with <paramref name="code"/>, kept or read now on <paramref name="db"/>; null when there is none.</summary>
    public async Task<ServiceItem?> FindAsync(OneStopDbContext db, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ct.ThrowIfCancellationRequested();
        var now = time.GetTimestamp();
        if (_items.TryGetValue(code, out var kept) && time.GetElapsedTime(kept.At, now) < keep)
        {
            return kept.Item;
        }

        var generation = Interlocked.Read(ref _generation);
        var item = await StepQueries.For(db).Item(db, code);
        if (item is not null && keep > TimeSpan.Zero)
        {
            _items[code] = new Entry(item, now);
            if (Interlocked.Read(ref _generation) != generation)
            {
                // A forget ran during the read: what was read may be older than the change, so do not keep it.
                _items.TryRemove(code, out _);
            }
        }

        return item;
    }

    /// <summary>Forgets <paramref name="code"/> (after a change committed, or when another node announced one).</summary>
    public void Forget(string code)
    {
        Interlocked.Increment(ref _generation);
        _items.TryRemove(code, out _);
    }

    /// <summary>Announces a change of <paramref name="code"/> to the other nodes, in <paramref name="db"/>'s transaction (PostgreSQL; nothing on SQLite).</summary>
    public static async Task AnnounceAsync(OneStopDbContext db, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [ChangedChannel, code], ct);
        }
    }

    private sealed record Entry(ServiceItem Item, long At);
}
