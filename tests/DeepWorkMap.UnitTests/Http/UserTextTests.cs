using DeepWorkMap.Server.Http;

namespace DeepWorkMap.UnitTests.Http;

/// <summary>
/// Text written for others: visible, without control characters or direction overrides; one-line fields without line or
/// paragraph separators; names with a letter or digit.
/// </summary>
public sealed class UserTextTests
{
    [Theory]
    [InlineData("Linear algebra")]
    [InlineData("Ünïcödé · 数学 · مرحبا")]
    [InlineData("family 👨‍👩‍👧")] // a zero-width joiner between visible characters is fine
    public void Ordinary_text_is_accepted(string text)
    {
        Assert.True(UserText.IsAcceptableLine(text));
        Assert.True(UserText.IsAcceptableText(text));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("bell\u0007")]
    [InlineData("abc\u202Egnp.exe")]
    [InlineData("\u2066isolated\u2069")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\uFEFF \u2060")]
    [InlineData("\u3164\u3164")]
    [InlineData("   ")]
    public void Control_characters_direction_overrides_and_invisible_only_text_are_refused(string text)
    {
        Assert.False(UserText.IsAcceptableLine(text));
        Assert.False(UserText.IsAcceptableText(text));
    }

    [Fact]
    public void Messages_may_hold_line_breaks_and_tabs_but_names_may_not()
    {
        Assert.True(UserText.IsAcceptableText("first line\r\n\tsecond line"));
        Assert.False(UserText.IsAcceptableLine("first line\nsecond line"));
    }

    [Theory]
    [InlineData("first\u2028second")]
    [InlineData("first\u2029second")]
    public void Line_and_paragraph_separators_break_lines_so_only_several_line_text_may_hold_them(string text)
    {
        Assert.True(UserText.IsAcceptableText(text));
        Assert.False(UserText.IsAcceptableLine(text));
        Assert.False(UserText.IsAcceptableName(text));
    }

    [Theory]
    [InlineData("\u0301")]                 // a combining mark on nothing
    [InlineData("\uFE0F\uFE0F")]           // variation selectors
    [InlineData("\u17B4")]                 // Khmer's invisible inherent vowel
    [InlineData("\uFFFC")]                 // a placeholder for an object that is not there
    [InlineData("\U000E0041\U000E0042")]   // tag characters
    [InlineData("\uE000")]                 // private use
    [InlineData("\U00100000")]             // supplementary private use
    [InlineData("\u2800 \u3164")]          // blank Braille and a Hangul filler
    public void Text_of_marks_placeholders_tags_or_private_use_characters_shows_nothing_and_is_refused(string text)
    {
        Assert.False(UserText.IsAcceptableLine(text));
        Assert.False(UserText.IsAcceptableText(text));
        Assert.False(UserText.IsAcceptableName(text));
    }

    // A fact, not a theory: test data that passes through UTF-8 turns a lone surrogate into U+FFFD.
    [Fact]
    public void A_lone_surrogate_is_not_text()
    {
        foreach (var text in new[] { "a\uD800b", "a\uDC00b", "ab\uD83D" })
        {
            Assert.False(UserText.IsAcceptableLine(text));
            Assert.False(UserText.IsAcceptableText(text));
        }
    }

    [Theory]
    [InlineData("\U0001F4DA")]  // a book
    [InlineData("???")]
    [InlineData("\u2192 \u2190")]
    public void Symbols_and_punctuation_show_but_do_not_make_a_name(string text)
    {
        Assert.True(UserText.IsAcceptableLine(text));
        Assert.False(UserText.IsAcceptableName(text));
    }

    [Theory]
    [InlineData("Ada")]
    [InlineData("Zoe\u0308")]
    [InlineData("\u674E")]
    [InlineData("\u0905\u093F")]
    [InlineData("42")]
    [InlineData("\U0001D49C")]  // a mathematical script capital A, beyond the first plane
    public void A_letter_or_digit_in_any_script_makes_a_name(string text) => Assert.True(UserText.IsAcceptableName(text));
}
