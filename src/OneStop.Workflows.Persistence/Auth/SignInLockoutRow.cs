using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace OneStop.Workflows.Persistence.Auth;

/// <summary>
/// The consecutive failed sign-ins of one user name and, once they reach the limit, until when the account is locked
/// (table <c>sign_in_lockouts</c>; 账户锁定). Kept per user name, known or not, so a lockout says nothing about whether the
/// user exists. A successful sign-in deletes the row.
/// </summary>
public sealed class SignInLockoutRow
{
    /// <summary>The user name as typed (at most 64 characters).</summary>
    public required string UserName { get; set; }

    /// <summary>Failed sign-ins since the last success or the last lockout.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Sign-ins are refused until this instant; null when not locked.</summary>
    public Instant? LockedUntil { get; set; }
}

internal sealed class SignInLockoutRowConfiguration : IEntityTypeConfiguration<SignInLockoutRow>
{
    public const string Table = "sign_in_lockouts";

    public void Configure(EntityTypeBuilder<SignInLockoutRow> b)
    {
        b.ToTable(Table);
        b.HasKey(l => l.UserName).HasName("pk_sign_in_lockouts");
        b.Property(l => l.UserName).HasColumnName("user_name").HasMaxLength(64);
        b.Property(l => l.ConsecutiveFailures).HasColumnName("consecutive_failures");
        b.Property(l => l.LockedUntil).HasColumnName("locked_until");
    }
}
