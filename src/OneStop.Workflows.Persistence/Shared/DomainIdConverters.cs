using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Supervision;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>Stores <see cref="CaseId"/> as its Guid (applied by convention).</summary>
public sealed class CaseIdConverter() : ValueConverter<CaseId, Guid>(id => id.Value, value => new CaseId(value));

/// <summary>Stores <see cref="TaskId"/> as its Guid (applied by convention; the column stays uuid / TEXT as before).</summary>
public sealed class TaskIdConverter() : ValueConverter<TaskId, Guid>(id => id.Value, value => new TaskId(value));

/// <summary>Stores <see cref="ClockId"/> as its Guid (applied by convention; the column stays uuid / TEXT as before).</summary>
public sealed class ClockIdConverter() : ValueConverter<ClockId, Guid>(id => id.Value, value => new ClockId(value));

/// <summary>Stores <see cref="SignalId"/> as its Guid (applied by convention; the column stays uuid / TEXT as before).</summary>
public sealed class SignalIdConverter() : ValueConverter<SignalId, Guid>(id => id.Value, value => new SignalId(value));

/// <summary>SQLite has no date type: a <see cref="LocalDate"/> is stored as ISO text (yyyy-MM-dd), which sorts correctly.</summary>
public sealed class LocalDateToIsoTextConverter() : ValueConverter<LocalDate, string>(
    d => d.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    t => NodaTime.Text.LocalDatePattern.Iso.Parse(t).Value);
