using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>Stores <see cref="WorkflowInstanceId"/> as its Guid (applied by convention in <see cref="OneStopDbContext"/>).</summary>
public sealed class WorkflowInstanceIdConverter() : ValueConverter<WorkflowInstanceId, Guid>(id => id.Value, value => new WorkflowInstanceId(value));

/// <summary>Stores <see cref="BookmarkId"/> as its Guid (applied by convention in <see cref="OneStopDbContext"/>).</summary>
public sealed class BookmarkIdConverter() : ValueConverter<BookmarkId, Guid>(id => id.Value, value => new BookmarkId(value));
