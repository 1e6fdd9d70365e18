using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>Blocking: no joining the blocker's sessions, and no seeing each other's messages, live or in history.</summary>
public sealed class BlockingTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_blocked_user_cannot_join_the_blockers_sessions_until_unblocked()
    {
        var (ada, adaAuth) = await _server.SignUpAsync();
        var (ben, benAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(ada);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.PostAsync($"/api/users/{benAuth.User.Id}/block", null)).StatusCode);
        Assert.Equal([benAuth.User], (await ada.GetFromJsonAsync<List<UserDto>>("/api/me/blocks"))!);
        await Problem.ExpectAsync(await ben.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "blocked");
        await Problem.ExpectAsync(await ada.PostAsync($"/api/users/{adaAuth.User.Id}/block", null), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await ada.PostAsync($"/api/users/{Guid.NewGuid()}/block", null), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await ada.DeleteAsync($"/api/users/{benAuth.User.Id}/block")).StatusCode);
        Assert.Empty((await ada.GetFromJsonAsync<List<UserDto>>("/api/me/blocks"))!);
        (await ben.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task In_a_shared_session_neither_sees_the_others_messages_live_or_in_history_and_everyone_else_sees_both()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (ada, adaAuth) = await _server.SignUpAsync();
        var (ben, benAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await ada.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await ben.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var adaLive = await HubListener.ConnectAsync(_server, adaAuth.Token);
        await using var benLive = await HubListener.ConnectAsync(_server, benAuth.Token);
        await using var hostLive = await HubListener.ConnectAsync(_server, hostAuth.Token);
        foreach (var live in new[] { adaLive, benLive, hostLive })
            await live.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        (await ada.PostAsync($"/api/users/{benAuth.User.Id}/block", null)).EnsureSuccessStatusCode();
        var fromBen = await benLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "from ben");
        var fromAda = await adaLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "from ada");
        var fromHost = await hostLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "from the host");

        await Eventually.HoldsAsync(() => Task.FromResult(hostLive.Messages.Count >= 3 && adaLive.Messages.Any(m => m.Id == fromHost.Id) && benLive.Messages.Any(m => m.Id == fromHost.Id)),
            Patience, "every message that may be seen");
        await Task.Delay(300);
        Assert.DoesNotContain(adaLive.Messages, m => m.Id == fromBen.Id);
        Assert.DoesNotContain(benLive.Messages, m => m.Id == fromAda.Id);
        Assert.Equal([fromBen.Id, fromAda.Id, fromHost.Id], hostLive.Messages.Select(m => m.Id));

        Assert.DoesNotContain((await ada.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items, m => m.Id == fromBen.Id);
        Assert.DoesNotContain((await ben.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items, m => m.Id == fromAda.Id);
        Assert.Equal(3, (await host.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items.Count);
        await using var adaAgain = await HubListener.ConnectAsync(_server, adaAuth.Token);
        var recent = await adaAgain.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.DoesNotContain(recent.RecentMessages, m => m.Id == fromBen.Id);

        // Unblocked, they hear each other again.
        (await ada.DeleteAsync($"/api/users/{benAuth.User.Id}/block")).EnsureSuccessStatusCode();
        var again = await benLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "hello again");
        await Eventually.HoldsAsync(() => Task.FromResult(adaLive.Messages.Any(m => m.Id == again.Id)), Patience, "the message after the unblock");
    }
}
