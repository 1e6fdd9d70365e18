using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Email;

/// <summary>
/// Stored notifications of the kinds a user asked for reach them by mail, once, with the session's start in their own
/// time zone and a one-click way out; nothing goes to an unverified address or to someone who asked for none.
/// </summary>
public sealed partial class NotificationMailTests(MailingServerFixture fixture) : IClassFixture<MailingServerFixture>
{
    private RunningServer Server => fixture.Server;
    private Smtp4Dev Smtp => fixture.Smtp;

    private static string NewUsername() => "n" + Guid.NewGuid().ToString("N")[..12];

    private async Task<(HttpClient Client, AuthResult Auth, string Email)> VerifiedUserAsync(string timeZone = "UTC", string[]? emailKinds = null)
    {
        var (client, auth) = await Server.SignUpAsync(NewUsername());
        var email = $"{auth.User.Username}@example.com";
        var token = await Smtp.TokenAsync(email, "Confirm your email", "verify");
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token })).StatusCode);
        (await client.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = (int?)null, timeZone, emailKinds })).EnsureSuccessStatusCode();
        return (client, auth, email);
    }

    private async Task<IReadOnlyList<Smtp4Dev.Message>> CancellationMailsAsync(string email, string title) =>
        (await Smtp.ToAsync(email)).Where(m => m.Subject == $"{title} is cancelled").ToList();

    private async Task<SessionDto> CreateAndCancelLaterAsync(HttpClient host, string title, DateTimeOffset start, params HttpClient[] joiners)
    {
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title, subject = "Physics", sessionType = "discussion", latitude = 52.52, longitude = 13.405,
            startTime = start.ToString("O"), durationMinutes = 60, maxParticipants = 10,
        });
        var session = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionDto>())!;
        foreach (var joiner in joiners) (await joiner.PostAsJsonAsync($"/api/sessions/{session.Id}/join", new { })).EnsureSuccessStatusCode();
        return session;
    }

    [Fact]
    public async Task A_cancellation_is_mailed_once_in_the_readers_zone_and_one_click_stops_that_kind()
    {
        var (host, _, _) = await VerifiedUserAsync();
        var (tokyo, _, tokyoEmail) = await VerifiedUserAsync("Asia/Tokyo");
        var (optedOut, _, optedOutEmail) = await VerifiedUserAsync(emailKinds: []);
        var (unverified, unverifiedAuth) = await Server.SignUpAsync(NewUsername());
        var unverifiedEmail = $"{unverifiedAuth.User.Username}@example.com";

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(2).Date.AddHours(20), TimeSpan.Zero);
        var title = $"Thermo {Guid.NewGuid():N}"[..20];
        var session = await CreateAndCancelLaterAsync(host, title, start, tokyo, optedOut, unverified);
        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "Flu" })).EnsureSuccessStatusCode();

        // The inbox tells the start as a time; the text names no zone.
        NotificationDto? told = null;
        await Eventually.HoldsAsync(async () => (told = (await tokyo.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items
            .SingleOrDefault(n => n.Kind == "session_cancelled")) is not null, TimeSpan.FromSeconds(30), "the inbox row");
        Assert.Equal(start, told!.StartTime);
        Assert.DoesNotContain("UTC", told.Body);

        await Eventually.HoldsAsync(async () => (await CancellationMailsAsync(tokyoEmail, title)).Count == 1, TimeSpan.FromSeconds(60), "the cancellation mail");
        var mail = (await CancellationMailsAsync(tokyoEmail, title)).Single();
        var text = await Smtp.PlainTextAsync(mail);
        var tokyoStart = start.ToOffset(TimeSpan.FromHours(9)); // Japan has no daylight saving time.
        Assert.Contains($"{tokyoStart.ToString("HH:mm", CultureInfo.InvariantCulture)} (Asia/Tokyo)", text);
        Assert.Contains(tokyoStart.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), text);
        Assert.Contains("The host cancelled this session: Flu", text);
        Assert.Contains($"?session={session.Id}", text);

        // A second cancellation mailed after the first: every earlier mail has been sent by the time it arrives.
        var marker = await CreateAndCancelLaterAsync(host, title + " 2", start, tokyo);
        (await host.PostAsJsonAsync($"/api/sessions/{marker.Id}/cancel", new { })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await CancellationMailsAsync(tokyoEmail, title + " 2")).Count == 1, TimeSpan.FromSeconds(60), "the second mail");
        Assert.Single(await CancellationMailsAsync(tokyoEmail, title));
        Assert.Empty(await CancellationMailsAsync(optedOutEmail, title));
        Assert.Empty(await CancellationMailsAsync(unverifiedEmail, title));

        // One click, as a mail program does it (RFC 8058), from the header the mail carries.
        var source = await Smtp.SourceAsync(mail);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", source);
        var oneClick = OneClickHeader().Match(source);
        Assert.True(oneClick.Success, $"no List-Unsubscribe header in: {source}");
        var address = new Uri(oneClick.Groups[1].Value);
        Assert.Equal(new Uri(RunningServer.PublicBaseUrl).Host, address.Host);
        using var mailProgram = Server.CreateClient();
        var forged = address.PathAndQuery.Replace("session_cancelled", "session_reminder", StringComparison.Ordinal);
        await Problem.ExpectAsync(await mailProgram.PostAsync(forged, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])),
            HttpStatusCode.BadRequest, "invalid_token");
        // RFC 8058 lets a mail program send it as multipart/form-data too.
        var answer = await mailProgram.PostAsync(address.PathAndQuery, new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } });
        Assert.Equal("session_cancelled", (await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UnsubscribedDto>())!.Kind);

        var preferences = (await tokyo.GetFromJsonAsync<PreferencesDto>("/api/me/preferences"))!;
        Assert.Equal(["session_reminder"], preferences.EmailKinds);
        Assert.Equal("Asia/Tokyo", preferences.TimeZone);
        // Mail of that kind stops; the inbox still hears it. Someone else's cancellation, told after it, is the barrier:
        // notifications are mailed oldest first, so once that mail arrived, a mail of the third would have too.
        var (witness, _, witnessEmail) = await VerifiedUserAsync();
        var third = await CreateAndCancelLaterAsync(host, title + " 3", start, tokyo);
        var barrier = await CreateAndCancelLaterAsync(host, title + " 4", start, witness);
        (await host.PostAsJsonAsync($"/api/sessions/{third.Id}/cancel", new { })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/sessions/{barrier.Id}/cancel", new { })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await CancellationMailsAsync(witnessEmail, title + " 4")).Count == 1, TimeSpan.FromSeconds(60), "the barrier mail");
        await Eventually.HoldsAsync(async () => (await tokyo.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items
            .Any(n => n.SessionId == third.Id), TimeSpan.FromSeconds(30), "the third's inbox row");
        Assert.Empty(await CancellationMailsAsync(tokyoEmail, title + " 3"));
    }

    [GeneratedRegex(@"List-Unsubscribe:\s*<([^>]+)>")] // a long header is folded onto the next line
    private static partial Regex OneClickHeader();
}
