using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace OneStop.Workflows.Persistence.Auth;

/// <summary>
/// One refresh token handed out (table <c>staff_refresh_tokens</c>), by the unique id it carries; the token itself is
/// never stored. Each token works once (<see cref="UsedAt"/> is set by a guarded update); its family is its session.
/// </summary>
public sealed class RefreshTokenRow
{
    /// <summary>The unique id inside the token.</summary>
    public Guid Id { get; set; }

    /// <summary>The family: the token session (<see cref="StaffSessionRow"/>) it belongs to.</summary>
    public Guid SessionId { get; set; }

    public Instant IssuedAt { get; set; }

    /// <summary>When it was exchanged for a new token; a second exchange is a reuse and ends the session.</summary>
    public Instant? UsedAt { get; set; }
}

internal sealed class RefreshTokenRowConfiguration : IEntityTypeConfiguration<RefreshTokenRow>
{
    public void Configure(EntityTypeBuilder<RefreshTokenRow> b)
    {
        b.ToTable("staff_refresh_tokens");
        b.HasKey(t => t.Id).HasName("pk_staff_refresh_tokens");
        b.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(t => t.SessionId).HasColumnName("session_id");
        b.Property(t => t.IssuedAt).HasColumnName("issued_at");
        b.Property(t => t.UsedAt).HasColumnName("used_at");
        b.HasOne<StaffSessionRow>().WithMany().HasForeignKey(t => t.SessionId)
            .HasConstraintName("fk_staff_refresh_tokens_session").OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.SessionId).HasDatabaseName("ix_staff_refresh_tokens_session");
    }
}
