using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Moderation;

/// <summary>A cluster-mode server; its moderators are granted as operators grant them (<see cref="GrantAsync"/>).</summary>
public sealed class ModerationServerFixture : DurableServerFixture
{
    public const string Moderator = "the_moderator";

    /// <summary>Runs <c>DeepWorkMap.Server moderators …</c> on this server's database, as scripts/moderators.sh does; its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> ModeratorsAsync(params string[] words)
    {
        using var output = new StringWriter();
        var exitCode = await ModeratorCommand.RunAsync([.. words, $"--ConnectionStrings:Postgres={Database.ConnectionString}"], output);
        return (exitCode, output.ToString());
    }

    public async Task GrantAsync(string account)
    {
        var (exitCode, output) = await ModeratorsAsync("grant", account);
        Assert.True(exitCode == 0, output);
    }
}

/// <summary>Reports by users, and what moderators do about them: durable, and in effect at once.</summary>
public sealed class ModerationTests(ModerationServerFixture fixture) : IClassFixture<ModerationServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;
    private static HttpClient? _moderator;

    private async Task<HttpClient> ModeratorAsync()
    {
        if (_moderator is not null) return _moderator;
        var (client, _) = await _server.SignUpAsync(ModerationServerFixture.Moderator);
        await fixture.GrantAsync(ModerationServerFixture.Moderator);
        return _moderator = client;
    }

    /// <summary>Every open report, page after page, as a moderator reads them; checks each page's total and order on the way.</summary>
    private static async Task<List<ReportDto>> AllOpenAsync(HttpClient moderator, int limit = 100)
    {
        var all = new List<ReportDto>();
        for (string? after = null; ;)
        {
            var page = (await moderator.GetFromJsonAsync<ReportPage>($"/api/moderation/reports?limit={limit}" + (after is null ? "" : $"&after={after}")))!;
            Assert.True(page.Items.Count <= limit);
            Assert.True(page.Total >= all.Count + page.Items.Count);
            all.AddRange(page.Items);
            if (page.NextCursor is null) return all;
            Assert.Equal(limit, page.Items.Count);
            after = page.NextCursor;
        }
    }

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, string type, Guid id, string reason = "harassment", string? details = "rude") =>
        client.PostAsJsonAsync("/api/reports", new { targetType = type, targetId = id, reason, details });

    [Fact]
    public async Task Reports_are_checked_stored_and_listed_for_moderators_only_until_resolved()
    {
        var moderator = await ModeratorAsync();
        var (host, hostAuth) = await _server.SignUpAsync();
        var (reporter, reporterAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);

        var invalid = await Problem.ExpectAsync(await reporter.PostAsJsonAsync("/api/reports", new { targetType = "planet", reason = "boring" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["reason", "targetId", "targetType"], invalid.Errors.Keys.Order());
        await Problem.ExpectAsync(await ReportAsync(reporter, "session", Guid.NewGuid()), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await ReportAsync(reporter, "user", Guid.NewGuid()), HttpStatusCode.NotFound, "not_found");

        var created = await ReportAsync(reporter, "session", session.Id);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = (await created.Content.ReadFromJsonAsync<ReportDto>())!;
        Assert.Equal((reporterAuth.User.Id, "session", session.Id, "harassment", "rude"), (report.ReporterId, report.TargetType, report.TargetId, report.Reason, report.Details));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM reports WHERE id = $1 AND resolved_at IS NULL", report.Id));
        (await ReportAsync(reporter, "user", hostAuth.User.Id, "spam", null)).EnsureSuccessStatusCode();

        await Problem.ExpectAsync(await reporter.GetAsync("/api/moderation/reports"), HttpStatusCode.Forbidden, "not_moderator");
        await Problem.ExpectAsync(await host.PostAsync($"/api/moderation/sessions/{session.Id}/end", null), HttpStatusCode.Forbidden, "not_moderator");
        Assert.Contains(await AllOpenAsync(moderator), r => r.Id == report.Id);

        var resolved = (await (await moderator.PostAsJsonAsync($"/api/moderation/reports/{report.Id}/resolve", new { resolution = "warned the host" }))
            .Content.ReadFromJsonAsync<ReportDto>())!;
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal("warned the host", resolved.Resolution);
        Assert.DoesNotContain(await AllOpenAsync(moderator), r => r.Id == report.Id);
        await Problem.ExpectAsync(await moderator.PostAsync($"/api/moderation/reports/{Guid.NewGuid()}/resolve", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Only_participants_report_a_message_and_a_hidden_message_loses_its_words_everywhere_at_once()
    {
        var moderator = await ModeratorAsync();
        var (host, hostAuth) = await _server.SignUpAsync();
        var (outsider, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await using var listener = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await listener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        var message = (await (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "something awful" }))
            .Content.ReadFromJsonAsync<MessageDto>())!;

        await Problem.ExpectAsync(await ReportAsync(outsider, "message", message.Id), HttpStatusCode.NotFound, "not_found");
        (await ReportAsync(host, "message", message.Id)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/moderation/messages/{message.Id}/hide", null)).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(listener.Events(HubEvents.MessageHidden).Any(e => e.GetProperty("messageId").GetGuid() == message.Id)),
            Patience, "messageHidden");
        var history = await host.GetFromJsonAsync<JsonElement>($"/api/sessions/{session.Id}/messages");
        var shown = history.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == message.Id);
        Assert.Equal(("", true, message.Seq), (shown.GetProperty("content").GetString(), shown.GetProperty("hidden").GetBoolean(), shown.GetProperty("seq").GetInt64()));
        var recent = await listener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.Equal("", recent.RecentMessages.Single(m => m.Id == message.Id).Content);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages WHERE id = $1 AND hidden_at IS NOT NULL", message.Id));
        await Problem.ExpectAsync(await moderator.PostAsync($"/api/moderation/messages/{Guid.NewGuid()}/hide", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_moderator_ends_a_session_and_a_suspended_users_tokens_stop_at_once_until_reinstated()
    {
        var moderator = await ModeratorAsync();
        var (host, hostAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/moderation/sessions/{session.Id}/end", null)).StatusCode);
        Assert.Equal("finished", (await host.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.Status);

        var feed = new Uri((await host.GetFromJsonAsync<MeDto>("/api/me"))!.CalendarFeedUrl!).PathAndQuery;
        var hub = await _server.ConnectHubAsync(hostAuth.Token);
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/moderation/users/{hostAuth.User.Id}/suspend", null)).StatusCode);
        await Problem.ExpectAsync(await host.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        using var anonymous = _server.CreateClient();
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { login = hostAuth.User.Username, password = "correct horse battery" }),
            HttpStatusCode.Forbidden, "suspended");
        await closed.Task.WaitAsync(Patience);
        await hub.DisposeAsync();
        // The device's refresh is refused as suspended, and not used up by the refusal; the calendar feed is gone meanwhile.
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = hostAuth.RefreshToken }),
            HttpStatusCode.Forbidden, "suspended");
        await Problem.ExpectAsync(await anonymous.GetAsync(feed), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/moderation/users/{hostAuth.User.Id}/reinstate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = hostAuth.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(feed)).StatusCode);
        await Problem.ExpectAsync(await moderator.PostAsync($"/api/moderation/users/{Guid.NewGuid()}/suspend", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_role_belongs_to_the_account_so_a_closed_moderators_name_and_email_give_nothing_to_whoever_asks_for_them()
    {
        var (bob, bobAuth) = await _server.SignUpAsync("modbob_" + Guid.NewGuid().ToString("N")[..8]);
        await fixture.GrantAsync(bobAuth.User.Username);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/moderation/reports")).StatusCode);
        Assert.Contains(bobAuth.User.Id.ToString(), (await fixture.ModeratorsAsync("list")).Output);

        (await bob.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) }))
            .EnsureSuccessStatusCode();

        // The name and the email are retired: in any case, and whatever else comes with them.
        using var anonymous = _server.CreateClient();
        var taker = new { email = "someone.new@example.com", username = bobAuth.User.Username.ToUpperInvariant(), displayName = "Bob", password = "correct horse battery" };
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/register", taker), HttpStatusCode.Conflict, "username_taken");
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/register", taker with { email = $"{bobAuth.User.Username.ToUpperInvariant()}@EXAMPLE.com", username = "not_bob_" + Guid.NewGuid().ToString("N")[..8] }),
            HttpStatusCode.Conflict, "email_taken");
        // Nothing of the person is kept in clear to refuse them with.
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM retired_names WHERE key ILIKE $1", $"%{bobAuth.User.Username}@example.com%"));

        // A newcomer is nobody's moderator, and a granted account's role is taken back at once.
        var (newcomer, _) = await _server.SignUpAsync();
        await Problem.ExpectAsync(await newcomer.GetAsync("/api/moderation/reports"), HttpStatusCode.Forbidden, "not_moderator");
        var (ada, adaAuth) = await _server.SignUpAsync();
        await fixture.GrantAsync(adaAuth.User.Id.ToString());
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/api/moderation/reports")).StatusCode);
        Assert.Equal(0, (await fixture.ModeratorsAsync("revoke", adaAuth.User.Username)).ExitCode);
        await Problem.ExpectAsync(await ada.GetAsync("/api/moderation/reports"), HttpStatusCode.Forbidden, "not_moderator");
        Assert.Equal(1, (await fixture.ModeratorsAsync("grant", "nobody_" + Guid.NewGuid().ToString("N")[..8])).ExitCode);
    }

    [Fact]
    public async Task Configuration_names_moderators_by_account_id_and_a_username_there_stops_the_server_naming_the_key()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["Moderation:Moderators:0"] = "ghost" }));
        Assert.Contains("Moderation:Moderators must list account ids", failure.ToString(), StringComparison.Ordinal);

        var (ghost, ghostAuth) = await _server.SignUpAsync("ghost_" + Guid.NewGuid().ToString("N")[..8]);
        await Problem.ExpectAsync(await ghost.GetAsync("/api/moderation/reports"), HttpStatusCode.Forbidden, "not_moderator");
        await using var configured = await RunningServer.StartAsync(new Dictionary<string, string?>(RunningServer.Durable(fixture.Database, "configured"))
        {
            ["Moderation:Moderators:0"] = ghostAuth.User.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, (await configured.CreateClient(ghostAuth.Token).GetAsync("/api/moderation/reports")).StatusCode);
    }

    [Fact]
    public async Task A_reporter_has_one_open_report_per_target_and_a_second_answers_the_first()
    {
        var moderator = await ModeratorAsync();
        var (host, _) = await _server.SignUpAsync();
        var (reporter, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);

        var first = await ReportAsync(reporter, "session", session.Id, "spam", "first");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var report = (await first.Content.ReadFromJsonAsync<ReportDto>())!;
        var again = await ReportAsync(reporter, "session", session.Id, "harassment", "again");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(report, await again.Content.ReadFromJsonAsync<ReportDto>());
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM reports WHERE target_id = $1", session.Id));

        // Once resolved, the same target may be reported anew.
        (await moderator.PostAsJsonAsync($"/api/moderation/reports/{report.Id}/resolve", new { resolution = "looked at it" })).EnsureSuccessStatusCode();
        var later = await ReportAsync(reporter, "session", session.Id, "spam", "it is back");
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.NotEqual(report.Id, (await later.Content.ReadFromJsonAsync<ReportDto>())!.Id);
    }

    [Fact]
    public async Task The_moderators_page_through_every_open_report_oldest_first_so_one_sent_after_a_flood_is_seen()
    {
        var moderator = await ModeratorAsync();
        var (spammer, _) = await _server.SignUpAsync();
        foreach (var target in await TestUsers.CreateAsync(fixture.Database, 150))
            (await ReportAsync(spammer, "user", target, "spam", null)).EnsureSuccessStatusCode();
        var (victim, _) = await _server.SignUpAsync();
        var (harasser, harasserAuth) = await _server.SignUpAsync();
        var real = (await (await ReportAsync(victim, "user", harasserAuth.User.Id, "harassment", "threats in chat")).Content.ReadFromJsonAsync<ReportDto>())!;

        var seen = await AllOpenAsync(moderator, limit: 40);
        await using var open = fixture.Database.DataSource.CreateCommand("SELECT id FROM reports WHERE resolved_at IS NULL ORDER BY created_at, id");
        var expected = new List<Guid>();
        await using (var reader = await open.ExecuteReaderAsync())
            while (await reader.ReadAsync()) expected.Add(reader.GetGuid(0));
        Assert.Equal(expected, seen.Select(r => r.Id));
        Assert.Equal(real.Id, seen[^1].Id);
        var firstPage = (await moderator.GetFromJsonAsync<ReportPage>("/api/moderation/reports"))!;
        Assert.Equal((ModerationEndpoints.DefaultReportsPage, expected.Count), (firstPage.Items.Count, firstPage.Total));

        foreach (var bad in new[] { "limit=0", "limit=101", "limit=ten", "after=somewhere", $"after={Guid.NewGuid()}" })
            await Problem.ExpectAsync(await moderator.GetAsync($"/api/moderation/reports?{bad}"), HttpStatusCode.BadRequest, "validation_failed");
    }
}
