using System.Buffers;
using System.Globalization;
using System.Text;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// What text that users write for others to read may contain. Control characters (NUL among them) break
/// storage and displays; direction overrides make a name or message read as something else; a line or paragraph
/// separator breaks a one-line field over lines; a lone surrogate is not text at all; and text made only of
/// invisible characters (spaces, combining marks with nothing to mark, format and tag characters, private-use
/// characters, placeholders) passes a "required" check while showing nothing. Names also need a letter or digit.
/// </summary>
public static class UserText
{
    /// <summary>The rule for several lines (messages, descriptions, reasons), as error messages state it.</summary>
    public const string Rule = "must have visible text, and no control characters or direction overrides";

    /// <summary>The rule for one line (titles, subjects, notes, goals).</summary>
    public const string LineRule = "must be one line of visible text, without control characters, line or paragraph separators, or direction overrides";

    /// <summary>The rule for names.</summary>
    public const string NameRule = LineRule + ", with at least one letter or digit";

    /// <summary>A single line: a title, a subject, a note, a goal.</summary>
    public static bool IsAcceptableLine(ReadOnlySpan<char> text) => IsAcceptable(text, allowLineBreaks: false, needsLetterOrDigit: false);

    /// <summary>Several lines: a chat message or a description may hold line breaks (and line or paragraph separators) and tabs.</summary>
    public static bool IsAcceptableText(ReadOnlySpan<char> text) => IsAcceptable(text, allowLineBreaks: true, needsLetterOrDigit: false);

    /// <summary>A name people are shown by: one line with at least one letter or digit.</summary>
    public static bool IsAcceptableName(ReadOnlySpan<char> text) => IsAcceptable(text, allowLineBreaks: false, needsLetterOrDigit: true);

    private static bool IsAcceptable(ReadOnlySpan<char> text, bool allowLineBreaks, bool needsLetterOrDigit)
    {
        var visible = false;
        var letterOrDigit = false;
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var length) != OperationStatus.Done) return false;
            text = text[length..];
            if (IsDirectionOverride(rune)) return false;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control)
            {
                if (allowLineBreaks && rune.Value is '\n' or '\r' or '\t') continue;
                return false;
            }
            if (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                if (allowLineBreaks) continue;
                return false;
            }
            if (IsBlank(rune)) continue;
            visible |= IsShown(category);
            letterOrDigit |= IsLetterOrDigit(category);
        }
        return visible && (letterOrDigit || !needsLetterOrDigit);
    }

    /// <summary>Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).</summary>
    private static bool IsDirectionOverride(Rune rune) => rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    /// <summary>
    /// Letters, digits, punctuation and symbols show by themselves. Spaces, combining marks (U+0301, the variation
    /// selector U+FE0F, Khmer's U+17B4), format characters (zero-width spaces and joiners, the BOM, tag characters),
    /// private-use and unassigned code points do not, or show only what a font happens to draw.
    /// </summary>
    private static bool IsShown(UnicodeCategory category) => category switch
    {
        >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherLetter => true,
        >= UnicodeCategory.DecimalDigitNumber and <= UnicodeCategory.OtherNumber => true,
        >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherSymbol => true,
        _ => false,
    };

    private static bool IsLetterOrDigit(UnicodeCategory category) =>
        category is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherLetter
            or >= UnicodeCategory.DecimalDigitNumber and <= UnicodeCategory.OtherNumber;

    /// <summary>Letters and symbols that render as nothing (Hangul fillers, the blank Braille pattern) or as a placeholder (U+FFFC).</summary>
    private static bool IsBlank(Rune rune) => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0xFFFC;
}
