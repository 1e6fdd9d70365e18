using DeepWorkMap.Server.Http;

namespace DeepWorkMap.UnitTests.Http;

/// <summary>Text written for others: visible, without control characters or direction overrides.</summary>
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
}
