using System.Text.Json;
using System.Text.Json.Nodes;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// A <c>PATCH /api/me</c> body read against the profile as it is: a field left out stays as it is, <c>avatarUrl: null</c>
/// removes the avatar. Read as a JSON object because a typed record cannot tell "absent" from "null".
/// </summary>
public static class ProfilePatch
{
    /// <summary>The profile after the patch; <paramref name="errors"/> holds the fields at fault, if any.</summary>
    public static (string DisplayName, string? AvatarUrl) Apply(
        JsonObject body, string displayName, string? avatarUrl, Dictionary<string, string[]> errors)
    {
        if (body.TryGetPropertyValue("displayName", out var nameNode))
            displayName = AccountRules.DisplayName(StringOrNull(nameNode, "displayName", errors), errors) ?? displayName;
        if (body.TryGetPropertyValue("avatarUrl", out var avatarNode))
        {
            avatarUrl = StringOrNull(avatarNode, "avatarUrl", errors);
            AccountRules.AvatarUrl(avatarUrl, errors);
        }
        return (displayName, avatarUrl);
    }

    private static string? StringOrNull(JsonNode? node, string field, Dictionary<string, string[]> errors)
    {
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) errors[field] = ["Must be a string."];
        else if (JsonText.TryRead(node.GetValue<JsonElement>(), out var text)) return text;
        else errors[field] = ["Must be a string of valid Unicode text."];
        return null;
    }
}
