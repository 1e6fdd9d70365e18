using System.Text.Json;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// The hub's methods take their arguments as raw JSON and read them here, so an argument of the wrong type is
/// refused like any other bad input, with <c>validation_failed: …</c>, instead of SignalR's binding error, which
/// carries no code.
/// </summary>
public static class HubArguments
{
    public static Guid Id(JsonElement value, string name) =>
        JsonText.TryRead(value, out var text) && Guid.TryParse(text, out var id) ? id : throw Invalid($"{name} must be a UUID string.");

    /// <summary>A string, or null (which the caller's rules then refuse as missing).</summary>
    public static string? Text(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => JsonText.TryRead(value, out var text) ? text : throw Invalid($"{name} {JsonText.Invalid}"),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => throw Invalid($"{name} must be a string."),
    };

    public static double Number(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : throw Invalid($"{name} must be a number.");

    public static long WholeNumber(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Invalid($"{name} must be a whole number.");

    private static HubException Invalid(string message) => Refusal.Invalid(message).ToHubException();
}
