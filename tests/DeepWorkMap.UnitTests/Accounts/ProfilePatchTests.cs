using System.Text.Json.Nodes;
using DeepWorkMap.Server.Accounts;

namespace DeepWorkMap.UnitTests.Accounts;

/// <summary><c>PATCH /api/me</c>: a field left out stays, <c>null</c> clears the avatar, and a field at fault is named.</summary>
public sealed class ProfilePatchTests
{
    private static ((string Name, string? Avatar) Profile, string[] Faults) Patch(string body)
    {
        var errors = new Dictionary<string, string[]>();
        var profile = ProfilePatch.Apply(JsonNode.Parse(body)!.AsObject(), "Ada", "https://example.org/ada.png", errors);
        return (profile, errors.Keys.Order().ToArray());
    }

    [Fact]
    public void A_field_left_out_stays_as_it_is() =>
        Assert.Equal((("Ada", "https://example.org/ada.png"), []), Patch("{}"));

    [Fact]
    public void A_new_name_is_trimmed_and_the_avatar_kept() =>
        Assert.Equal((("Ada Lovelace", "https://example.org/ada.png"), []), Patch("""{"displayName":"  Ada Lovelace "}"""));

    [Fact]
    public void A_null_avatar_removes_it() =>
        Assert.Equal((("Ada", null), []), Patch("""{"avatarUrl":null}"""));

    [Theory]
    [InlineData("""{"displayName":null}""", "displayName")]
    [InlineData("""{"displayName":42}""", "displayName")]
    [InlineData("""{"avatarUrl":42}""", "avatarUrl")]
    [InlineData("""{"avatarUrl":"javascript:alert(1)"}""", "avatarUrl")]
    [InlineData("""{"avatarUrl":"\ud800"}""", "avatarUrl")]
    [InlineData("""{"displayName":"","avatarUrl":"ftp://example.org/a.png"}""", "avatarUrl,displayName")]
    public void A_field_at_fault_is_named(string body, string faults) =>
        Assert.Equal(faults.Split(','), Patch(body).Faults);

    [Fact]
    public void A_string_that_is_not_text_is_refused_as_such()
    {
        var errors = new Dictionary<string, string[]>();
        ProfilePatch.Apply(JsonNode.Parse("""{"avatarUrl":"\ud800"}""")!.AsObject(), "Ada", null, errors);
        Assert.Equal(["Must be a string of valid Unicode text."], errors["avatarUrl"]);
    }
}
