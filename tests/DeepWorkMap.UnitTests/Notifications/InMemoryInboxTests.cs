using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Notifications;

namespace DeepWorkMap.UnitTests.Notifications;

/// <summary>Embedded mode's inbox decides a mute as PostgreSQL's does: from the preferences as stored, at the write.</summary>
public sealed class InMemoryInboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_notice_of_a_muted_kind_is_not_stored_and_one_of_another_kind_is_stored_once()
    {
        var (inbox, _, userId) = await InboxOfOneMutingAsync(NotificationKinds.SessionChanged);

        Assert.Null(await inbox.AddUnlessMutedAsync(userId, Notice(NotificationKinds.SessionChanged), Now));
        Assert.NotNull(await inbox.AddUnlessMutedAsync(userId, Notice(NotificationKinds.WaitlistPromoted), Now));
        Assert.Null(await inbox.AddUnlessMutedAsync(userId, Notice(NotificationKinds.WaitlistPromoted), Now));

        var stored = await inbox.PageAsync(userId, before: null, limit: 10);
        Assert.Equal([NotificationKinds.WaitlistPromoted], stored.Select(n => n.Kind));
    }

    [Fact]
    public async Task Unmuting_lets_the_next_notice_of_that_kind_in()
    {
        var (inbox, preferences, userId) = await InboxOfOneMutingAsync(NotificationKinds.WaitlistPromoted);
        Assert.Null(await inbox.AddUnlessMutedAsync(userId, Notice(NotificationKinds.WaitlistPromoted), Now));

        await preferences.SaveAsync(userId, UserPreferences.Default);
        Assert.NotNull(await inbox.AddUnlessMutedAsync(userId, Notice(NotificationKinds.WaitlistPromoted), Now));
    }

    /// <summary>An inbox, its preferences, and one user whose stored preferences mute <paramref name="kind"/>.</summary>
    private static async Task<(InMemoryNotificationStore Inbox, InMemoryPreferencesStore Preferences, Guid UserId)> InboxOfOneMutingAsync(string kind)
    {
        var preferences = new InMemoryPreferencesStore();
        var userId = Guid.NewGuid();
        await preferences.SaveAsync(userId, UserPreferences.Default with { MutedKinds = [kind] });
        return (new InMemoryNotificationStore(preferences), preferences, userId);
    }

    private static Notice Notice(string kind) =>
        new(kind, Guid.Empty, "2026-12-06T12:00:00.0000000Z", "A seat", "A seat came free.", null, null);
}
