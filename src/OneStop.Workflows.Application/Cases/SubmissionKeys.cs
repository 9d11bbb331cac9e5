using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Application.Cases;

/// <summary>
/// The idempotency key of a submission (issue 10): the case id is derived from the submitting clerk and the key, so the
/// cases table's primary key lets exactly one of two concurrent submissions with one key commit — no extra table.
/// </summary>
internal static class SubmissionKeys
{
    /// <summary>The longest key accepted (as for the other commands' keys).</summary>
    public const int MaxLength = 200;

    /// <summary>The case id a keyed submission gets: a name-based UUID (version 8) of the clerk's user name and the key.</summary>
    public static CaseId CaseIdFor(string userName, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"onestop:submit-case\n{userName}\n{key}"));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new CaseId(new Guid(bytes, bigEndian: true));
    }

    /// <summary>Whether <paramref name="command"/> is the application <paramref name="stored"/> was made from (the same fields as stored).</summary>
    public static bool SameApplication(Case stored, SubmitCase.Command command)
    {
        var applicant = command.Applicant;
        var materials = command.Materials;
        return command.ServiceItem == stored.ServiceItemCode
            && applicant?.Name?.Trim() == stored.Applicant.Name
            && applicant.IdNumber?.Trim().ToUpperInvariant() == stored.Applicant.IdNumber
            && applicant.Phone?.Trim() == stored.Applicant.Phone
            && JsonNode.DeepEquals(command.Form ?? [], JsonNode.Parse(stored.FormJson))
            && materials is not null
            && materials.Select(m => (m.Name?.Trim(), m.Provided, m.Note)).SequenceEqual(stored.Materials.Select(m => ((string?)m.Name, m.Provided, m.Note)))
            && command.DeliveryMethod == stored.DeliveryMethod
            && command.DeliveryAddress == stored.DeliveryAddress;
    }
}
