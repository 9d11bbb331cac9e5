namespace OneStop.Workflows.Engine.Runtime;

/// <summary>Identifies a workflow instance.</summary>
public readonly record struct WorkflowInstanceId(Guid Value)
{
    public static WorkflowInstanceId New() => new(Guid.CreateVersion7());

    /// <summary>The dashed GUID form (.NET's default), the one form every route returns; input may also be 32 hex digits.</summary>
    public override string ToString() => Value.ToString("D");

    public static bool TryParse(string? text, out WorkflowInstanceId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new WorkflowInstanceId(guid);
        return ok;
    }
}

/// <summary>Identifies a bookmark (a blocked token waiting to be resumed).</summary>
public readonly record struct BookmarkId(Guid Value)
{
    public static BookmarkId New() => new(Guid.NewGuid());

    /// <summary>The dashed GUID form (.NET's default), the one form every route returns; input may also be 32 hex digits.</summary>
    public override string ToString() => Value.ToString("D");

    public static bool TryParse(string? text, out BookmarkId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new BookmarkId(guid);
        return ok;
    }
}
