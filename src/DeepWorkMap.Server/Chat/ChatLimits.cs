using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Chat;

/// <summary>The chat token bucket per user (across sessions and front doors), from the <c>Chat</c> section.</summary>
public sealed class ChatLimits
{
    public const string Section = "Chat";

    [Range(1, int.MaxValue)] public int Burst { get; set; } = 20;

    [Range(1, int.MaxValue)] public int MessagesPerSecond { get; set; } = 5;
}
