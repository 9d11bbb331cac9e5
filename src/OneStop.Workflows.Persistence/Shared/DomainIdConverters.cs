using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>Stores <see cref="CaseId"/> as its Guid (applied by convention).</summary>
public sealed class CaseIdConverter() : ValueConverter<CaseId, Guid>(id => id.Value, value => new CaseId(value));

/// <summary>SQLite has no date type: a <see cref="LocalDate"/> is stored as ISO text (yyyy-MM-dd), which sorts correctly.</summary>
public sealed class LocalDateToIsoTextConverter() : ValueConverter<LocalDate, string>(
    d => d.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    t => NodaTime.Text.LocalDatePattern.Iso.Parse(t).Value);
