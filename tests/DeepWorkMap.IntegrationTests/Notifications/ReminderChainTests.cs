using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Notifications;

/// <summary>
/// A session keeps one Orleans reminder, for the next lead time ahead; each one that fires registers the next. Here the
/// server's clock moves on while the first is still due, so it fires late: it must bring along the shorter lead time
/// that came meanwhile, and each user hears exactly the reminder of their own lead time. Waits for a real reminder.
/// </summary>
public sealed class ReminderChainTests(ClockedDurableServerFixture fixture) : IClassFixture<ClockedDurableServerFixture>
{
    [Fact]
    public async Task A_late_reminder_brings_along_the_shorter_lead_time_that_came_meanwhile()
    {
        var (host, _) = await fixture.Server.SignUpAsync(); // the default lead time, 15 minutes
        var (guest, _) = await fixture.Server.SignUpAsync();
        (await guest.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 5, timeZone = "UTC" })).EnsureSuccessStatusCode();

        // Sixteen minutes ahead: the 15-minute reminder is due in a minute, the 5-minute one in eleven.
        var start = fixture.Clock.GetUtcNow().AddMinutes(16);
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Chained", subject = "Reminders", sessionType = "silent", latitude = 48.2, longitude = 16.37, startTime = start, durationMinutes = 60,
        });
        var session = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionDto>())!;
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        // Before the first reminder fires, the clock passes the 5-minute mark too.
        fixture.Clock.Advance(TimeSpan.FromMinutes(11.5));

        await Eventually.HoldsAsync(async () => (await RemindersAsync(host, session.Id)).Count == 1 && (await RemindersAsync(guest, session.Id)).Count == 1,
            TimeSpan.FromMinutes(3), "both reminders, from the one late reminder");
        Assert.Contains("starts in 15 minutes", (await RemindersAsync(host, session.Id)).Single().Title);
        Assert.Contains("starts in 5 minutes", (await RemindersAsync(guest, session.Id)).Single().Title);
    }

    private static async Task<List<NotificationDto>> RemindersAsync(HttpClient user, Guid sessionId) =>
        (await user.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items
            .Where(n => n.Kind == NotificationKinds.SessionReminder && n.SessionId == sessionId).ToList();
}
