namespace DeepWorkMap.Contracts.Users;

/// <summary>
/// What a user chose: how long before a session to be reminded (5, 15 or 60 minutes; null: never), the kinds they
/// do not want, their IANA time zone, and the home area (a point and a radius in km) where sessions of hosts they
/// follow are worth telling them about; whether their focus stats are hidden from others; and which kinds are also mailed
/// (null: <see cref="DefaultEmailKinds"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.UserPreferences")]
public sealed record UserPreferences(
    [property: Id(0)] int? ReminderMinutes,
    [property: Id(1)] IReadOnlyList<string> MutedKinds,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] HomeArea? HomeArea,
    [property: Id(4)] bool StatsHidden = false,
    [property: Id(5)] IReadOnlyList<string>? EmailKinds = null)
{
    /// <summary>The kinds mailed to a user who never chose: the two that matter away from the page.</summary>
    public static readonly IReadOnlyList<string> DefaultEmailKinds = [NotificationKinds.SessionCancelled, NotificationKinds.SessionReminder];

    /// <summary>The kinds mailed to this user (besides being stored in the inbox), in wire order.</summary>
    public IReadOnlyList<string> MailedKinds => EmailKinds ?? DefaultEmailKinds;

    public bool Mails(string kind) => MailedKinds.Contains(kind);

    public const int DefaultReminderMinutes = 15;

    public static readonly IReadOnlyList<int> ReminderChoices = [5, 15, 60];

    public static readonly UserPreferences Default = new(DefaultReminderMinutes, [], "UTC", null);

    public bool Mutes(string kind) => MutedKinds.Contains(kind);
}
