namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// The one text rule of every string input (JSON bodies, route values, query strings; docs/api.md "Input rules"): no control
/// characters (free text may hold tab, CR and LF), no unpaired surrogates, no bidirectional embedding, override or isolate
/// characters (U+202A–U+202E, U+2066–U+2069), which can make a name or a note display differently from what is stored.
/// </summary>
public static class InputText
{
    /// <summary>Why <paramref name="text"/> is refused, or null when it is acceptable.</summary>
    /// <param name="freeText">True for free text (notes, opinions, addresses, scripts): tab, CR and LF are allowed there.</param>
    public static string? Problem(ReadOnlySpan<char> text, bool freeText)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return $"contains an unpaired surrogate at position {i}.";
            }

            if (char.IsLowSurrogate(c))
            {
                return $"contains an unpaired surrogate at position {i}.";
            }

            if (char.IsControl(c) && !(freeText && c is '\t' or '\r' or '\n'))
            {
                return freeText
                    ? $"contains the control character U+{(int)c:X4} at position {i}; only tab and line breaks are allowed in free text."
                    : $"contains the control character U+{(int)c:X4} at position {i}.";
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return $"contains the bidirectional formatting character U+{(int)c:X4} at position {i}.";
            }
        }

        return null;
    }

    /// <summary>A short, printable quote of a refused value for a message (the one rule: <see cref="TextQuote.Of"/>).</summary>
    public static string Quote(string text, int max = 40) => TextQuote.Of(text, max);
}
