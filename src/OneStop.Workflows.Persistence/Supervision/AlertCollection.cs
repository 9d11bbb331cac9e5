namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// The ids of the alerts written on the current asynchronous flow since <see cref="Begin"/> (e.g. during one sweep), so
/// that the caller can read them back after the commit and push them. Ids of a batch that rolled back are recorded too:
/// read them back from the database, which has only the committed ones.
/// </summary>
public sealed class AlertCollection : IDisposable
{
    private static readonly AsyncLocal<AlertCollection?> Current = new();
    private readonly AlertCollection? _outer;
    private readonly List<Guid> _ids = [];

    private AlertCollection(AlertCollection? outer)
    {
        _outer = outer;
    }

    /// <summary>The ids recorded so far.</summary>
    public IReadOnlyList<Guid> Ids
    {
        get
        {
            lock (_ids)
            {
                return _ids.ToList();
            }
        }
    }

    /// <summary>Starts collecting on this flow (and the flows it starts) until disposed.</summary>
    public static AlertCollection Begin()
    {
        var collection = new AlertCollection(Current.Value);
        Current.Value = collection;
        return collection;
    }

    public void Dispose() => Current.Value = _outer;

    internal static void Record(Guid alertId)
    {
        for (var collection = Current.Value; collection is not null; collection = collection._outer)
        {
            lock (collection._ids)
            {
                collection._ids.Add(alertId);
            }
        }
    }
}
