using System.Text;

namespace OneStop.Workflows.Application;

/// <summary>A short, printable quote of a refused input value for a message (docs/api.md "Input rules").</summary>
public static class TextQuote
{
    /// <summary>At most <paramref name="max"/> characters (then "…"); control, surrogate and bidirectional formatting characters as \uXXXX.</summary>
    public static string Of(string text, int max = 40)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
                ? $"\\u{(int)c:X4}"
                : c.ToString());
        }

        return text.Length > max ? builder.Append('…').ToString() : builder.ToString();
    }
}
