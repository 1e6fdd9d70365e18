using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Moderation;

/// <summary>The <c>Moderation</c> section: moderators named in configuration, besides those granted in the database, and the reports cap.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    public const string IdsOnly = "Moderation:Moderators must list account ids (e.g. Moderation:Moderators:0=3f2c5a1e-…), not usernames: " +
                                  "a name changes hands when its account closes. Grant the role with scripts/moderators.sh instead.";

    /// <summary>Account ids of moderators, e.g. <c>Moderation:Moderators:0=3f2c…</c>: ids, never usernames (see <see cref="IdsOnly"/>).</summary>
    public List<string> Moderators { get; set; } = [];

    /// <summary>Reports one user may file per hour, counted per front door; 0 turns the cap off.</summary>
    [Range(0, int.MaxValue)] public int ReportsPerUserPerHour { get; set; } = 10;

    public bool AreIds => Moderators.All(m => Guid.TryParse(m, out _));

    public bool Names(Guid userId) => Moderators.Any(m => Guid.TryParse(m, out var id) && id == userId);
}
