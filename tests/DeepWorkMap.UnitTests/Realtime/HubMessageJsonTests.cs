using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.UnitTests.Realtime;

/// <summary>
/// The hub writes chat messages by hand (HubMessageJson) to spare an allocation per message; what a client reads must stay
/// exactly what the serializer wrote with the hub's options: the same bytes, escapes, nulls and omitted fields included.
/// </summary>
public sealed class HubMessageJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 22, 31, 7, 409, TimeSpan.FromHours(1));

    private static MessageDto Message(string content, string? avatarUrl) => new(
        Guid.Parse("0b3c4d5e-6f70-4182-93a4-b5c6d7e8f901"), Guid.Parse("e96fd289-b52d-4f15-873d-06b2bb07e0cf"), 9_007_199_254_740_993,
        new UserDto(Guid.Parse("11111111-2222-4333-8444-555555555555"), "ada", "Ada \"Countess\" Lovelace – Ü 🎓", avatarUrl), content, At.AddTicks(7));

    public static TheoryData<MessageDto> Messages => new()
    {
        Message("Hallo </script><script>alert(1)</script> & 'du'", null),
        Message("Tab\there, newline\nthere, backslash \\ and \u0001", "https://example.org/a?b=c&d=<e>"),
        Message("", null) with { Hidden = true },
        Message("edited", null) with { EditedAt = At.AddMinutes(3).AddTicks(9) },
        Message("", "https://example.org/a.png") with { Deleted = true, EditedAt = At.AddSeconds(1) },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_is_what_the_serializer_writes_with_the_hubs_options(MessageDto message)
    {
        var reflected = HubOptions();
        var byHand = HubOptions();
        byHand.Converters.Add(new HubMessageJson());
        Assert.Equal(JsonSerializer.Serialize(message, reflected), JsonSerializer.Serialize(message, byHand));
        Assert.Equal(JsonSerializer.Serialize<object>(message, reflected), JsonSerializer.Serialize<object>(message, byHand));
    }

    /// <summary>SignalR's own defaults for the JSON protocol, with the times as RealtimeSetup adds them.</summary>
    private static JsonSerializerOptions HubOptions()
    {
        var options = new JsonSerializerOptions(new JsonHubProtocolOptions().PayloadSerializerOptions);
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}
