using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>One client or account cannot crowd out the others: each cap of the features' sections holds, and a cap of 0 is off.</summary>
public sealed class CapsTests
{
    private static Task<RunningServer> StartAsync(string key, int value) =>
        RunningServer.StartAsync(new Dictionary<string, string?> { [key] = value.ToString() });

    [Fact]
    public async Task Anonymous_searches_are_capped_per_address_and_signed_in_ones_are_not()
    {
        await using var server = await StartAsync("Sessions:AnonymousSearchesPerAddressPerMinute", 3);
        using var anonymous = server.CreateClient();
        for (var i = 0; i < 3; i++) (await anonymous.GetAsync("/api/sessions/nearby?lat=1&lng=1&radiusKm=5")).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await anonymous.GetAsync("/api/sessions/nearby?lat=1&lng=1&radiusKm=5"), HttpStatusCode.TooManyRequests, "rate_limited");

        var (signedIn, _) = await server.SignUpAsync();
        for (var i = 0; i < 5; i++) (await signedIn.GetAsync("/api/sessions/nearby?lat=1&lng=1&radiusKm=5")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_budget_and_others_cannot_forge_one()
    {
        static HttpRequestMessage SearchFrom(string client) =>
            new(HttpMethod.Get, "/api/sessions/nearby?lat=1&lng=1&radiusKm=5") { Headers = { { "X-Forwarded-For", client } } };

        await using (var behindProxy = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sessions:AnonymousSearchesPerAddressPerMinute"] = "1",
            ["TrustedProxies:Addresses:0"] = "127.0.0.1",
        }))
        {
            using var client = behindProxy.CreateClient();
            (await client.SendAsync(SearchFrom("203.0.113.5"))).EnsureSuccessStatusCode();
            await Problem.ExpectAsync(await client.SendAsync(SearchFrom("203.0.113.5")), HttpStatusCode.TooManyRequests, "rate_limited");
            (await client.SendAsync(SearchFrom("198.51.100.6"))).EnsureSuccessStatusCode();
        }

        // With no trusted proxy, a forwarded header changes nothing: the connection's address counts.
        await using var direct = await StartAsync("Sessions:AnonymousSearchesPerAddressPerMinute", 1);
        using var forger = direct.CreateClient();
        (await forger.SendAsync(SearchFrom("203.0.113.5"))).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await forger.SendAsync(SearchFrom("203.0.113.6")), HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Per_address_caps_count_a_clients_network_so_stepping_through_neighbouring_addresses_gains_nothing()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Accounts:SignupsPerAddressPerHour"] = "2",
            ["TrustedProxies:Addresses:0"] = "127.0.0.1",
        });
        using var client = server.CreateClient();
        async Task<HttpResponseMessage> SignUpFrom(string address)
        {
            var name = $"n{Guid.NewGuid():N}"[..16];
            return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
            {
                Headers = { { "X-Forwarded-For", address } },
                Content = JsonContent.Create(new { email = $"{name}@example.com", username = name, displayName = "N", password = "correct horse battery" }),
            });
        }

        // One /24: each neighbour of the first address draws on the same budget, IPv4-mapped IPv6 included.
        Assert.Equal(HttpStatusCode.Created, (await SignUpFrom("203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpFrom("203.0.113.2")).StatusCode);
        await Problem.ExpectAsync(await SignUpFrom("203.0.113.3"), HttpStatusCode.TooManyRequests, "rate_limited");
        await Problem.ExpectAsync(await SignUpFrom("::ffff:203.0.113.4"), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.Created, (await SignUpFrom("203.0.114.1")).StatusCode);

        // One /64 for IPv6; the next /64 is someone else.
        Assert.Equal(HttpStatusCode.Created, (await SignUpFrom("2001:db8:1:2::1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpFrom("2001:db8:1:2:ffff::9")).StatusCode);
        await Problem.ExpectAsync(await SignUpFrom("2001:db8:1:2:abcd::7"), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.Created, (await SignUpFrom("2001:db8:1:3::1")).StatusCode);
    }

    [Fact]
    public async Task Reports_are_capped_per_reporter_per_hour()
    {
        await using var server = await StartAsync("Moderation:ReportsPerUserPerHour", 3);
        var (reporter, _) = await server.SignUpAsync();
        var (other, _) = await server.SignUpAsync();
        var targets = new List<Guid>();
        for (var i = 0; i < 4; i++) targets.Add((await server.SignUpAsync()).Auth.User.Id);
        Task<HttpResponseMessage> Report(HttpClient client, Guid target) =>
            client.PostAsJsonAsync("/api/reports", new { targetType = "user", targetId = target, reason = "spam" });

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await Report(reporter, targets[i])).StatusCode);
        await Problem.ExpectAsync(await Report(reporter, targets[3]), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.Created, (await Report(other, targets[3])).StatusCode);
    }

    [Fact]
    public async Task Signups_are_capped_per_address()
    {
        await using var server = await StartAsync("Accounts:SignupsPerAddressPerHour", 2);
        await server.SignUpAsync();
        await server.SignUpAsync();
        using var client = server.CreateClient();
        var name = $"c{Guid.NewGuid():N}"[..16];
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/register",
            new { email = $"{name}@example.com", username = name, displayName = "C", password = "correct horse battery" }), HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task A_host_can_hold_only_so_many_unfinished_sessions_and_ending_one_frees_a_place()
    {
        await using var server = await StartAsync("Sessions:ActiveSessionsPerHost", 2);
        var (host, _) = await server.SignUpAsync();
        var first = await RunningServer.CreateSessionAsync(host);
        await RunningServer.CreateSessionAsync(host);
        var refused = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Third", subject = "S", sessionType = "silent", latitude = 1.0, longitude = 1.0,
            startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 60,
        });
        await Problem.ExpectAsync(refused, HttpStatusCode.Conflict, "limit_reached");

        (await host.PostAsync($"/api/sessions/{first.Id}/end", null)).EnsureSuccessStatusCode();
        await RunningServer.CreateSessionAsync(host);
    }

    [Fact]
    public async Task A_host_can_run_only_so_many_weekly_series_whose_occurrences_do_not_count_as_sessions()
    {
        await using var server = await StartAsync("Sessions:ActiveSeriesPerHost", 1);
        var (host, _) = await server.SignUpAsync();
        object Series() => new
        {
            session = new { title = "Weekly", subject = "S", sessionType = "silent", latitude = 1.0, longitude = 1.0, startTime = DateTimeOffset.UtcNow.AddDays(1).ToString("O"), durationMinutes = 60 },
            daysOfWeek = new[] { "monday", "wednesday", "friday" }, weeks = 12, timeZone = "Europe/Paris",
        };
        var first = (await (await host.PostAsJsonAsync("/api/series", Series())).Content.ReadFromJsonAsync<SeriesDto>())!;
        Assert.Equal(36, first.Sessions.Count);
        await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/series", Series()), HttpStatusCode.Conflict, "limit_reached");
        // 36 occurrences, and the host may still create single sessions (10 by default).
        await RunningServer.CreateSessionAsync(host);

        (await host.PostAsJsonAsync($"/api/series/{first.Id}/cancel", new { })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsJsonAsync("/api/series", Series())).StatusCode);
    }

    [Fact]
    public async Task Sessions_created_per_host_are_capped_per_hour()
    {
        await using var server = await StartAsync("Sessions:SessionsCreatedPerHostPerHour", 2);
        var (host, _) = await server.SignUpAsync();
        await RunningServer.CreateSessionAsync(host);
        await RunningServer.CreateSessionAsync(host);
        var refused = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Third", subject = "S", sessionType = "silent", latitude = 1.0, longitude = 1.0,
            startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 60,
        });
        await Problem.ExpectAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        var (other, _) = await server.SignUpAsync();
        await RunningServer.CreateSessionAsync(other);
    }

    [Fact]
    public async Task A_user_can_hold_only_so_many_hub_connections_and_closing_one_frees_a_place()
    {
        await using var server = await StartAsync("Realtime:HubConnectionsPerUser", 2);
        var (_, auth) = await server.SignUpAsync();
        var first = await server.ConnectHubAsync(auth.Token);
        await using var second = await server.ConnectHubAsync(auth.Token);

        // The server closes a connection over the cap right after it opens, saying why.
        var refused = new TaskCompletionSource<Exception?>();
        await using (var over = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/deepwork"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(auth.Token))
            .Build())
        {
            over.Closed += error => { refused.TrySetResult(error); return Task.CompletedTask; };
            await over.StartAsync();
            var error = await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("limit_reached", error?.Message);
        }

        // Once the server has seen the first one close, a third is admitted: "Ready" answers only a connection the
        // server kept (an over-cap one is closed before it answers anything).
        await first.DisposeAsync();
        await Eventually.HoldsAsync(async () =>
        {
            await using var third = await server.ConnectHubAsync(auth.Token);
            try { await third.InvokeAsync("Ready"); return true; }
            catch (Exception) { return false; }
        }, TimeSpan.FromSeconds(30), "a connection admitted after one closed");
    }
}
