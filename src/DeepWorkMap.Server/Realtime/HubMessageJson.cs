using System.Text.Json;
using System.Text.Json.Serialization;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// docs/api.md's <c>Message</c> as the hub writes it (a send's answer and every <c>messageReceived</c>), written by hand:
/// the same bytes as the serializer's reflection path with the hub's options, which for an object inside an object (the
/// author) rents no frame stack. That stack, a fresh array of large frames per message written, was an eighth of the bytes
/// the durable chat path allocated at 4,000 msgs/s in (docs/benchmarks.md, chat fan-out). Only written: the hub never
/// reads a message from a client.
/// </summary>
public sealed class HubMessageJson : JsonConverter<MessageDto>
{
    public override MessageDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The hub writes messages; it reads none.");

    public override void Write(Utf8JsonWriter writer, MessageDto value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, value.Id);
        writer.WriteString("sessionId"u8, value.SessionId);
        writer.WriteNumber("seq"u8, value.Seq);
        writer.WritePropertyName("user"u8);
        WriteUser(writer, value.User);
        writer.WriteString("content"u8, value.Content);
        writer.WritePropertyName("createdAt"u8);
        UtcTimestampConverter.WriteValue(writer, value.CreatedAt);
        if (value.Hidden) writer.WriteBoolean("hidden"u8, true);
        if (value.EditedAt is { } editedAt)
        {
            writer.WritePropertyName("editedAt"u8);
            UtcTimestampConverter.WriteValue(writer, editedAt);
        }
        if (value.Deleted) writer.WriteBoolean("deleted"u8, true);
        writer.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter writer, UserDto user)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, user.Id);
        writer.WriteString("username"u8, user.Username);
        writer.WriteString("displayName"u8, user.DisplayName);
        writer.WriteString("avatarUrl"u8, user.AvatarUrl);
        writer.WriteEndObject();
    }
}
