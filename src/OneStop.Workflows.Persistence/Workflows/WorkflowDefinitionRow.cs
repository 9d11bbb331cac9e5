using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Persistence.Workflows;

/// <summary>A row of <c>workflow_definitions</c>: one version of a definition, its Elsa JSON kept as saved.</summary>
public sealed class WorkflowDefinitionRow
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    public bool IsPublished { get; set; }

    public bool IsLatest { get; set; }

    public required string Json { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public static WorkflowDefinitionRow From(StoredDefinition d) => new()
    {
        Id = d.Id,
        DefinitionId = d.DefinitionId,
        Version = d.Version,
        Name = d.Name,
        IsPublished = d.IsPublished,
        IsLatest = d.IsLatest,
        Json = d.Json,
        CreatedAt = d.CreatedAt,
        UpdatedAt = d.UpdatedAt,
    };

    public StoredDefinition ToStored() => new(Id, DefinitionId, Version, Name, IsPublished, IsLatest, Json, CreatedAt, UpdatedAt);
}

internal sealed class WorkflowDefinitionRowConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRow>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRow> b)
    {
        b.ToTable("workflow_definitions");
        b.HasKey(r => r.Id).HasName("pk_workflow_definitions");
        b.Property(r => r.Id).HasColumnName("id");
        b.Property(r => r.DefinitionId).HasColumnName("definition_id");
        b.Property(r => r.Version).HasColumnName("version");
        b.Property(r => r.Name).HasColumnName("name");
        b.Property(r => r.IsPublished).HasColumnName("is_published");
        b.Property(r => r.IsLatest).HasColumnName("is_latest");
        b.Property(r => r.Json).HasColumnName("json"); // text, never jsonb: the exact saved text is kept
        b.Property(r => r.CreatedAt).HasColumnName("created_at");
        b.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        b.HasIndex(r => new { r.DefinitionId, r.Version }).IsUnique().HasDatabaseName("ux_workflow_definitions_definition_id_version");
        b.HasIndex(r => r.DefinitionId).HasDatabaseName("ix_workflow_definitions_definition_id");
    }
}
