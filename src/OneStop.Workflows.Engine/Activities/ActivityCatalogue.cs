using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Activities;

/// <summary>
/// Registry of every activity type the runtime can run, keyed by (type name, version) as in Elsa.
/// </summary>
/// <remarks>Built once at start-up and read-only afterwards, so it is safe to share between threads.</remarks>
public sealed class ActivityCatalogue
{
    private readonly Dictionary<(string Type, int Version), IActivity> _activities = new();

    public ActivityCatalogue(IEnumerable<IActivity> activities)
    {
        foreach (var activity in activities)
        {
            var key = (activity.Descriptor.TypeName, activity.Descriptor.Version);
            if (!_activities.TryAdd(key, activity))
            {
                throw new ArgumentException($"Activity {key.TypeName} v{key.Version} is registered twice.", nameof(activities));
            }
        }
    }

    /// <summary>A catalogue holding the Elsa built-ins this runtime honours.</summary>
    public static ActivityCatalogue CreateDefault() => new(BuiltInActivities.All());

    /// <summary>Every registered descriptor, ordered by category and display name.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors =>
        _activities.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.DisplayName).ToList();

    /// <summary>Finds the activity for a type and version; null when the pair is unknown.</summary>
    public IActivity? Find(string type, int version) =>
        _activities.GetValueOrDefault((type, version));

    /// <summary>True when some version of <paramref name="type"/> is registered.</summary>
    public bool KnowsType(string type) => _activities.Keys.Any(k => k.Type == type);

    /// <summary>A new catalogue with these activities added (e.g. the approval activities of the domain).</summary>
    public ActivityCatalogue With(IEnumerable<IActivity> more) => new(_activities.Values.Concat(more));
}
