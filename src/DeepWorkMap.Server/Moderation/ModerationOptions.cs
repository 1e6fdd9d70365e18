namespace DeepWorkMap.Server.Moderation;

/// <summary>The <c>Moderation</c> section: who may act on reports.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Usernames of the moderators (case-insensitive), e.g. <c>Moderation:Moderators:0=ada</c>.</summary>
    public List<string> Moderators { get; set; } = [];
}
