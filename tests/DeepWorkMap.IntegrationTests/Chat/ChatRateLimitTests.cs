using DeepWorkMap.Contracts.Api;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>A flood is stopped; a person typing fast is not.</summary>
public sealed class ChatRateLimitTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_burst_of_100_in_a_second_is_limited_and_what_got_through_is_gapless()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = $"spam {i}" })));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(100, limited.Count + accepted.Count);
        Assert.InRange(accepted.Count, 20, MostAllowedWithin(clock.Elapsed));
        await Problem.ExpectAsync(limited[0], HttpStatusCode.TooManyRequests, "rate_limited");

        var seqs = new List<long>();
        foreach (var response in accepted) seqs.Add((await response.Content.ReadFromJsonAsync<MessageDto>())!.Seq);
        Assert.Equal(Enumerable.Range(1, accepted.Count).Select(i => (long)i), seqs.Order());
    }

    [Fact]
    public async Task Someone_typing_fast_is_never_limited()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);

        // Four messages a second for six seconds: far beyond anyone's typing, within the budget.
        for (var i = 0; i < 24; i++)
        {
            var response = await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = $"quick thought {i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task The_budget_is_per_user_so_a_flood_spread_over_sessions_meets_one_limit_and_others_are_unaffected()
    {
        var (host, _) = await _server.SignUpAsync();
        var flooded = await RunningServer.CreateSessionAsync(host);
        var other = await RunningServer.CreateSessionAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => host.PostAsJsonAsync($"/api/sessions/{flooded.Id}/messages", new { content = $"spam {i}" })));
        await Problem.ExpectAsync(await host.PostAsJsonAsync($"/api/sessions/{other.Id}/messages", new { content = "and here too" }), HttpStatusCode.TooManyRequests, "rate_limited");
        var (someoneElse, _) = await _server.SignUpAsync();
        var theirs = await RunningServer.CreateSessionAsync(someoneElse);
        Assert.Equal(HttpStatusCode.Created, (await someoneElse.PostAsJsonAsync($"/api/sessions/{theirs.Id}/messages", new { content = "meanwhile, elsewhere" })).StatusCode);
    }

    [Fact]
    public async Task Two_front_doors_share_one_budget_per_user()
    {
        // A slow refill (one a second), so the bound below stays well under what two budgets would let through
        // however long the requests take on a busy machine.
        await using var doors = await TwoFrontDoors.StartAsync("chat", new Dictionary<string, string?> { ["Chat:MessagesPerSecond"] = "1" });
        var (a, b) = (doors.A, doors.B);
        var (onA, auth) = await a.SignUpAsync();
        using var onB = b.CreateClient(auth.Token);
        var session = await RunningServer.CreateSessionAsync(onA);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
            statuses.Add((await (i % 2 == 0 ? onA : onB).PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = $"line {i}" })).StatusCode);

        // A burst of 20 in all, not 20 on each front door (which would let all 40 through); one more trickles in
        // for each second the run lasted.
        var created = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.InRange(created, 20, 20 + (int)clock.Elapsed.TotalSeconds + 1);
        Assert.Equal(40, created + statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_flood_over_the_hub_gets_rate_limited_errors()
    {
        var (host, auth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await using var connection = await _server.ConnectHubAsync(auth.Token);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            try
            {
                await connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), $"spam {i}");
                return "ok";
            }
            catch (HubException e)
            {
                return e.Message;
            }
        }));

        Assert.InRange(attempts.Count(a => a == "ok"), 20, MostAllowedWithin(clock.Elapsed));
        Assert.All(attempts.Where(a => a != "ok"), a => Assert.Contains("rate_limited:", a));
    }

    /// <summary>The default budget: a burst of 20, then 5 more for every second (started) the flood lasted.</summary>
    private static int MostAllowedWithin(TimeSpan elapsed) => 20 + 5 * ((int)elapsed.TotalSeconds + 1);
}
