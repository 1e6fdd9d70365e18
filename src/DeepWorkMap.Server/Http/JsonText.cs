using System.Text.Json;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// The text of a JSON string read by hand (hub arguments, a PATCH body). <c>"\ud800"</c> is valid JSON, but a lone
/// surrogate is no text: System.Text.Json throws when asked for it as a string, and typed binding already refuses
/// it as a bad field. Read here, it is refused the same way, never a server error.
/// </summary>
public static class JsonText
{
    public const string Invalid = "must be a string of valid Unicode text.";

    /// <summary>False when <paramref name="value"/> is not a string, or not valid text.</summary>
    public static bool TryRead(JsonElement value, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String) return false;
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
