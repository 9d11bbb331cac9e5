using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace OneStop.Workflows.Persistence.Auth;

/// <summary>
/// One sign-in of a member of staff (会话; table <c>staff_sessions</c>): a cookie of the web UI or a bearer-token family
/// of the API. Its id travels in the cookie or token; a request whose session has ended or expired is refused, on every
/// node, because the row is in the shared database. Its instants are wall-clock time, like the cookie's and token's own
/// expiry (not the business clock, which may be simulated).
/// </summary>
public sealed class StaffSessionRow
{
    public Guid Id { get; set; }

    public required string UserName { get; set; }

    /// <summary><c>cookie</c> or <c>token</c>.</summary>
    public required string Kind { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>The session is refused from this instant (a token session moves it on at each refresh).</summary>
    public Instant ExpiresAt { get; set; }

    public Instant? EndedAt { get; set; }

    /// <summary>Why it ended: <c>signed-out</c>, <c>refresh-token-reused</c> …</summary>
    public string? EndReason { get; set; }
}

internal sealed class StaffSessionRowConfiguration : IEntityTypeConfiguration<StaffSessionRow>
{
    public void Configure(EntityTypeBuilder<StaffSessionRow> b)
    {
        b.ToTable("staff_sessions");
        b.HasKey(s => s.Id).HasName("pk_staff_sessions");
        b.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(s => s.UserName).HasColumnName("user_name").HasMaxLength(64);
        b.Property(s => s.Kind).HasColumnName("kind").HasMaxLength(16);
        b.Property(s => s.CreatedAt).HasColumnName("created_at");
        b.Property(s => s.ExpiresAt).HasColumnName("expires_at");
        b.Property(s => s.EndedAt).HasColumnName("ended_at");
        b.Property(s => s.EndReason).HasColumnName("end_reason").HasMaxLength(32);
        b.HasIndex(s => s.UserName).HasDatabaseName("ix_staff_sessions_user_name");
    }
}
