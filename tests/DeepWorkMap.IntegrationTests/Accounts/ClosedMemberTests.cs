using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>Closing an account frees its seats and its places in line at once, as leaves would, and takes its goals along; on PostgreSQL.</summary>
public sealed class ClosedMemberTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_closed_accounts_seat_goes_to_the_first_in_line_its_place_in_line_to_the_next_and_its_goals_go_even_from_finished_sessions()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (leaver, leaverAuth) = await _server.SignUpAsync();
        var (waiter, waiterAuth) = await _server.SignUpAsync();
        var (other, _) = await _server.SignUpAsync();

        // Full, with the leaver seated and someone waiting.
        var seated = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);
        (await leaver.PostAsync($"/api/sessions/{seated.Id}/join", null)).EnsureSuccessStatusCode();
        (await leaver.PutAsJsonAsync($"/api/sessions/{seated.Id}/goal", new { text = "Finish the lab report" })).EnsureSuccessStatusCode();
        (await waiter.PostAsync($"/api/sessions/{seated.Id}/waitlist", null)).EnsureSuccessStatusCode();
        // Full, with the leaver first in line and someone behind.
        var queued = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);
        (await other.PostAsync($"/api/sessions/{queued.Id}/join", null)).EnsureSuccessStatusCode();
        (await leaver.PostAsync($"/api/sessions/{queued.Id}/waitlist", null)).EnsureSuccessStatusCode();
        (await waiter.PostAsync($"/api/sessions/{queued.Id}/waitlist", null)).EnsureSuccessStatusCode();
        // Over, with the leaver's goal in it.
        var finished = await RunningServer.CreateSessionAsync(host, startInMinutes: -1);
        (await leaver.PostAsync($"/api/sessions/{finished.Id}/join", null)).EnsureSuccessStatusCode();
        (await leaver.PutAsJsonAsync($"/api/sessions/{finished.Id}/goal", new { text = "Revise chapter 2" })).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/sessions/{finished.Id}/end", null)).EnsureSuccessStatusCode();
        // Memberships reach the catalog in batches, a moment after each change: the last one there, the others are too.
        await Eventually.HoldsAsync(async () => await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM session_members WHERE user_id = $1 AND session_id = $2", leaverAuth.User.Id, finished.Id) == 1, Patience,
            "the leaver's memberships in the catalog");

        await using var hostHub = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", seated.Id.ToString());
        await using var waiterHub = await HubListener.ConnectAsync(_server, waiterAuth.Token);
        await waiterHub.Connection.InvokeAsync("Ready");

        var close = await leaver.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) });
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);

        // The seat: freed at once and given to the first in line, as any leave.
        var afterSeat = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{seated.Id}/participants"))!;
        Assert.Equal([hostAuth.User.Id, waiterAuth.User.Id], afterSeat.Select(p => p.User.Id));
        await Eventually.HoldsAsync(() => Task.FromResult(hostHub.Events(HubEvents.ParticipantLeft)
            .Any(e => e.GetProperty("userId").GetGuid() == leaverAuth.User.Id)), Patience, "participantLeft for the closed account");
        await Eventually.HoldsAsync(() => Task.FromResult(waiterHub.Events(HubEvents.PromotedFromWaitlist).Count == 1), Patience, "the first in line seated");
        Assert.Equal(0, (await host.GetFromJsonAsync<SessionDto>($"/api/sessions/{seated.Id}"))!.WaitlistCount);

        // The place in line: gone, and the one behind moves up.
        var line = (await waiter.GetFromJsonAsync<SessionDto>($"/api/sessions/{queued.Id}"))!;
        Assert.Equal((1, 1), (line.WaitlistCount, line.WaitlistPosition));

        // The goals: not in the session it left, nor in the one that is over.
        var afterFinished = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{finished.Id}/participants"))!;
        Assert.Null(afterFinished.Single(p => p.User.Id == leaverAuth.User.Id).Goal);
        Assert.DoesNotContain(afterSeat, p => p.Goal?.Text == "Finish the lab report");
        await Eventually.HoldsAsync(async () => await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM session_members WHERE user_id = $1 AND session_id <> $2", leaverAuth.User.Id, finished.Id) == 0, Patience,
            "the catalog forgetting the freed seat and place in line");
    }
}
