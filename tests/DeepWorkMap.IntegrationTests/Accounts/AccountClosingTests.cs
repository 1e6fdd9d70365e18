using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>Closing an account (GDPR art. 17) and exporting it (art. 20), on two front doors of one cluster on Redis and PostgreSQL.</summary>
public sealed class AccountClosingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task<SessionDto> HostAsync(HttpClient host, string? note = null)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Organic chemistry", subject = "Chemistry", sessionType = "silent", latitude = 45.0 + Random.Shared.NextDouble(), longitude = 7.0,
            venueNote = note, startTime = DateTimeOffset.UtcNow.AddMinutes(20).ToString("O"), durationMinutes = 60,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    [Fact]
    public async Task A_closed_account_is_refused_at_once_on_every_front_door_its_sessions_end_and_its_messages_read_as_from_a_deleted_user()
    {
        await using var doors = await TwoFrontDoors.StartAsync("close");
        var (database, a, b) = (doors.Database, doors.A, doors.B);

        var (leaverOnA, leaverAuth) = await a.SignUpAsync();
        var (hostOnB, hostAuth) = await b.SignUpAsync();
        var shared = await HostAsync(hostOnB);
        (await leaverOnA.PostAsync($"/api/sessions/{shared.Id}/join", null)).EnsureSuccessStatusCode();
        (await leaverOnA.PostAsJsonAsync($"/api/sessions/{shared.Id}/messages", new { content = "see you at the lab" })).EnsureSuccessStatusCode();
        var own = await HostAsync(leaverOnA);
        await using var hostListener = await HubListener.ConnectAsync(b, hostAuth.Token);
        await hostListener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", shared.Id.ToString());
        var leaverHub = await b.ConnectHubAsync(leaverAuth.Token);
        var closed = new TaskCompletionSource();
        leaverHub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await Problem.ExpectAsync(await leaverOnA.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { }) }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await leaverOnA.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "not my password" }) }),
            HttpStatusCode.Forbidden, "invalid_credentials");
        var close = await leaverOnA.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) });
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);

        // The token dies at once on both front doors, and the hub connection on the other one is dropped.
        using var tokenOnB = b.CreateClient(leaverAuth.Token);
        await Problem.ExpectAsync(await tokenOnB.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.ExpectAsync(await leaverOnA.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await closed.Task.WaitAsync(Patience);
        await leaverHub.DisposeAsync();

        // The session it hosted ended, with notice; nobody can log in as it.
        using var anonymous = a.CreateClient();
        Assert.Equal("finished", (await anonymous.GetFromJsonAsync<SessionDto>($"/api/sessions/{own.Id}"))!.Status);
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { login = leaverAuth.User.Username, password = "correct horse battery" }),
            HttpStatusCode.Unauthorized, "invalid_credentials");

        // Its messages stay, from a deleted user, on either front door (the other's names refresh within 10 s).
        await Eventually.HoldsAsync(async () =>
        {
            var history = (await hostOnB.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{shared.Id}/messages"))!.Items;
            return history.Single(m => m.Content == "see you at the lab").User.DisplayName == "Deleted user";
        }, Patience, "the message shown as from a deleted user");
        var participants = (await hostOnB.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{shared.Id}/participants"))!;
        Assert.DoesNotContain(participants, p => p.User.Username == leaverAuth.User.Username || p.User.DisplayName == leaverAuth.User.DisplayName);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = $1 OR username = $2",
            $"{leaverAuth.User.Username}@example.com", leaverAuth.User.Username));
    }

    [Fact]
    public async Task The_export_holds_the_account_its_hosted_sessions_with_venues_and_its_messages()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = await RunningServer.StartAsync(RunningServer.Durable(database));
        var (me, auth) = await server.SignUpAsync();
        var session = await HostAsync(me, note: "room 101");
        (await me.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "first" })).EnsureSuccessStatusCode();
        (await me.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "second" })).EnsureSuccessStatusCode();

        var export = (await me.GetFromJsonAsync<AccountExport>("/api/me/export"))!;
        Assert.Equal(auth.User.Id, export.Account.Id);
        Assert.Equal($"{auth.User.Username}@example.com", export.Account.Email);
        Assert.Equal("room 101", Assert.Single(export.HostedSessions).Venue!.Note);
        Assert.Equal(["first", "second"], export.Messages.Select(m => m.Content));
        Assert.True((await me.GetAsync("/api/me/export")).Headers.CacheControl?.NoStore);
    }
}
