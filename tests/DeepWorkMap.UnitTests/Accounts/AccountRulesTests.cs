using DeepWorkMap.Server.Accounts;

namespace DeepWorkMap.UnitTests.Accounts;

/// <summary>docs/api.md's account rules: what each field accepts, and the field named when it does not.</summary>
public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("ada", true)]
    [InlineData("a.b_c-1", true)]
    [InlineData("...", false)]
    [InlineData("_-_", false)]
    [InlineData("ad", false)]
    public void A_username_needs_a_letter_or_digit(string username, bool accepted)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal(accepted, AccountRules.Username(username, errors) is not null);
        Assert.Equal(accepted ? [] : ["username"], errors.Keys);
    }

    [Theory]
    [InlineData(" Ada Lovelace ", "Ada Lovelace")]
    [InlineData("\u0301", null)]
    [InlineData("\uFE0F", null)]
    [InlineData("Ada\u2028Lovelace", null)]
    [InlineData("\U000E0041", null)]
    public void A_display_name_is_trimmed_and_needs_a_letter_or_digit_on_one_line(string name, string? kept)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal(kept, AccountRules.DisplayName(name, errors));
        Assert.Equal(kept is null ? ["displayName"] : [], errors.Keys);
    }

    [Theory]
    [InlineData(" ada@example.com ", "ada@example.com")]
    [InlineData("ada\u0000", null)]
    [InlineData("ada\u001B", null)]
    [InlineData("   ", null)]
    public void A_login_is_trimmed_and_holds_no_control_characters(string login, string? kept)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal(kept, AccountRules.Login(login, errors));
        Assert.Equal(kept is null ? ["login"] : [], errors.Keys);
    }

    [Theory]
    [InlineData("https://example.com/a.png", true)]
    [InlineData("https://example.com/a\u0000.png", false)]
    [InlineData("ftp://example.com/a.png", false)]
    public void An_avatar_is_an_http_url_without_control_characters(string url, bool accepted)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal(accepted, AccountRules.AvatarUrl(url, errors));
    }
}
