using System.Globalization;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// What text that users write for others to read may contain. Control characters (NUL among them) break
/// storage and displays; direction overrides make a name or message read as something else; and text made
/// only of invisible characters passes a "required" check while showing nothing.
/// </summary>
public static class UserText
{
    public const string Rule = "must have visible text, and no control characters or direction overrides";

    /// <summary>A single line: a name, a title, a note.</summary>
    public static bool IsAcceptableLine(ReadOnlySpan<char> text) => IsAcceptable(text, allowLineBreaks: false);

    /// <summary>Several lines: a chat message may hold line breaks and tabs.</summary>
    public static bool IsAcceptableText(ReadOnlySpan<char> text) => IsAcceptable(text, allowLineBreaks: true);

    private static bool IsAcceptable(ReadOnlySpan<char> text, bool allowLineBreaks)
    {
        var visible = false;
        foreach (var c in text)
        {
            if (IsDirectionOverride(c)) return false;
            if (char.IsControl(c))
            {
                if (allowLineBreaks && c is '\n' or '\r' or '\t') continue;
                return false;
            }
            if (!visible && !char.IsWhiteSpace(c) && !IsInvisible(c)) visible = true;
        }
        return visible;
    }

    /// <summary>Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).</summary>
    private static bool IsDirectionOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>Format characters (zero-width spaces and joiners, the BOM) and the blank letters that render as nothing.</summary>
    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800';
}
