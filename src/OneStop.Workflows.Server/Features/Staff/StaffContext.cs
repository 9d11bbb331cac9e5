using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>What the staff administration handlers share: the database, the password hasher, the clock and the account standings cache.</summary>
public sealed class StaffContext(
    IDbContextFactory<OneStopDbContext> databases, IPasswordHasher<UserAccount> hasher, IClock clock, AccountStandings standings)
{
    public IDbContextFactory<OneStopDbContext> Databases => databases;

    public IPasswordHasher<UserAccount> Hasher => hasher;

    public IClock Clock => clock;

    public AccountStandings Standings => standings;

    /// <summary>Adds an audit event (staff administration events are internal; <paramref name="details"/> becomes JSON).</summary>
    public static void Audit(OneStopDbContext db, Instant now, string actor, string action, string subject, object details) =>
        db.AuditEvents.Add(new AuditEvent(now, actor, action, null, subject, JsonSerializer.Serialize(details, AuditJson), null));

    /// <summary>The password rules' refusal for <paramref name="field"/>, or null when the password is acceptable.</summary>
    public static StaffRefusal? PasswordRefusal(string field, string? password, string userName) =>
        PasswordPolicy.Check(password, userName) is { Count: > 0 } problems ? StaffRefusal.Invalid(field, [.. problems]) : null;

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
