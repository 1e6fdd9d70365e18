using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The host removes a participant: chat access ends at once, they are told, and they cannot come back.</summary>
public sealed class HostModerationTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_removed_participant_loses_the_chat_hears_why_and_cannot_rejoin()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var listener = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await listener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        var after = await host.PostAsync($"/api/sessions/{session.Id}/participants/{guestAuth.User.Id}/remove", null);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, (await after.Content.ReadFromJsonAsync<SessionDto>())!.CurrentParticipants);

        await Eventually.HoldsAsync(() => Task.FromResult(listener.Events(HubEvents.RemovedFromSession).Any(e => e.GetProperty("sessionId").GetGuid() == session.Id)),
            Patience, "removedFromSession");
        await Problem.ExpectAsync(await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "still here?" }), HttpStatusCode.Forbidden, "not_participant");
        await Problem.ExpectAsync(await guest.GetAsync($"/api/sessions/{session.Id}/messages"), HttpStatusCode.Forbidden, "not_participant");
        var hubError = await Assert.ThrowsAsync<HubException>(() => listener.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "hello?"));
        Assert.Contains("not_participant:", hubError.Message);
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "removed");

        // Messages after the removal do not reach the removed user's connection.
        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "after the removal" })).EnsureSuccessStatusCode();
        await Task.Delay(500);
        Assert.DoesNotContain(listener.Messages, m => m.Content == "after the removal");
    }

    [Fact]
    public async Task Only_the_host_removes_and_never_themselves_or_someone_not_there()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var (_, strangerAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/participants/{hostAuth.User.Id}/remove", null), HttpStatusCode.Forbidden, "not_host");
        await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{session.Id}/participants/{hostAuth.User.Id}/remove", null), HttpStatusCode.Conflict, "host_cannot_leave");
        await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{session.Id}/participants/{strangerAuth.User.Id}/remove", null), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(2, (await guest.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Count);
        Assert.Equal(guestAuth.User, (await guest.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))![1].User);
    }
}
