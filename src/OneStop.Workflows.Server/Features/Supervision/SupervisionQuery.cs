using System.Globalization;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>Reads the supervision routes' query strings; each problem goes into <c>errors</c> under the parameter's name (→ 400).</summary>
internal static class SupervisionQuery
{
    /// <summary>An ISO date (<c>yyyy-MM-dd</c>), or null when absent.</summary>
    public static LocalDate? Date(string? text, string name, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(text.Trim());
        if (result.Success)
        {
            if (SupportedDates.Contains(result.Value))
            {
                return result.Value;
            }

            errors[name] = [SupportedDates.OutsideMessage(result.Value)];
            return null;
        }

        errors[name] = [$"'{Hosting.InputText.Quote(text)}' is not a date; use yyyy-MM-dd (a day in the centre's time zone)."];
        return null;
    }

    /// <summary>Checks that <paramref name="from"/> is not after <paramref name="to"/>.</summary>
    public static void Range(LocalDate? from, LocalDate? to, IDictionary<string, string[]> errors)
    {
        if (from is { } f && to is { } t && f > t)
        {
            errors["to"] = [$"'to' ({t:uuuu-MM-dd}) is before 'from' ({f:uuuu-MM-dd})."];
        }
    }

    public static SignalLevel? Level(string? text, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.TryParse<SignalLevel>(text.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _))
        {
            return level;
        }

        errors["level"] = [$"'{text}' is not a level; one of {string.Join(", ", Enum.GetNames<SignalLevel>())}."];
        return null;
    }

    /// <summary>Adds <paramref name="message"/> under <paramref name="name"/> when the parameter is absent.</summary>
    public static void Required(string? text, string name, string message, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [message];
        }
    }

    /// <summary>The figures' grouping: false for department (the default), true for serviceItem, null (and an error) otherwise.</summary>
    public static bool? Grouping(string? groupBy, IDictionary<string, string[]> errors)
    {
        var byItem = groupBy?.Trim().ToLowerInvariant() switch
        {
            null or "" or "department" => false,
            "serviceitem" => true,
            _ => (bool?)null,
        };
        if (byItem is null)
        {
            errors["groupBy"] = [$"'{groupBy}' is not a grouping; use department or serviceItem."];
        }

        return byItem;
    }
}
