using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.IntegrationTests.Accounts;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>The "Chat" part of docs/api.md over real HTTP, with the messages checked in PostgreSQL.</summary>
public sealed class ChatApiTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    private async Task<(HttpClient Host, AuthResult HostAuth, HttpClient Guest, AuthResult GuestAuth, SessionDto Session)> SessionWithGuestAsync()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        return (host, hostAuth, guest, guestAuth, session);
    }

    private static async Task<MessageDto> SendAsync(HttpClient client, Guid sessionId, string content)
    {
        var response = await client.PostAsJsonAsync($"/api/sessions/{sessionId}/messages", new { content });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    private static async Task<List<MessageDto>> HistoryAsync(HttpClient client, Guid sessionId, string query = "") =>
        (await client.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{sessionId}/messages{query}"))!.Items.ToList();

    [Fact]
    public async Task Participants_exchange_messages_numbered_without_gaps_and_stored_verbatim()
    {
        var (host, hostAuth, guest, guestAuth, session) = await SessionWithGuestAsync();

        var first = await SendAsync(host, session.Id, "  Hello <b>everyone</b>  ");
        var second = await SendAsync(guest, session.Id, "Hi! \"quotes\" & ümlauts 📚");
        var third = await SendAsync(host, session.Id, "Let's start.");

        Assert.Equal([1L, 2L, 3L], new[] { first.Seq, second.Seq, third.Seq });
        Assert.Equal("  Hello <b>everyone</b>  ", first.Content);
        Assert.Equal(hostAuth.User, first.User);
        Assert.Equal(guestAuth.User, second.User);
        Assert.Equal(session.Id, second.SessionId);
        Assert.InRange(second.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var history = await HistoryAsync(guest, session.Id);
        Assert.Equal([third, second, first], history);

        // Acknowledged means durable: the rows are in chat_messages, exactly as sent.
        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages WHERE session_id = $1", session.Id));
        Assert.Equal("  Hello <b>everyone</b>  ",
            await fixture.Database.ScalarAsync<string>("SELECT content FROM chat_messages WHERE session_id = $1 AND seq = 1", session.Id));
        Assert.Equal(guestAuth.User.Id,
            await fixture.Database.ScalarAsync<Guid>("SELECT user_id FROM chat_messages WHERE session_id = $1 AND seq = 2", session.Id));
    }

    [Fact]
    public async Task Messages_sent_at_once_by_everyone_in_a_session_each_get_their_own_seq_and_are_all_stored()
    {
        var (host, _, guest, _, session) = await SessionWithGuestAsync();

        // Many in flight at once: the session takes the next ones while earlier ones are being written.
        var sent = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => SendAsync(i % 2 == 0 ? host : guest, session.Id, $"burst {i}")));

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), sent.Select(m => m.Seq).Order());
        var stored = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages WHERE session_id = $1 AND seq BETWEEN 1 AND 60", session.Id);
        Assert.Equal(60L, stored);
        var history = await HistoryAsync(host, session.Id, "?limit=100");
        Assert.Equal(sent.OrderByDescending(m => m.Seq), history);
    }

    [Fact]
    public async Task History_pages_newest_first_past_what_the_session_keeps_in_memory()
    {
        var (host, _, guest, _, session) = await SessionWithGuestAsync();
        for (var i = 1; i <= 130; i++) await SendAsync(i % 2 == 0 ? guest : host, session.Id, $"message {i}");

        var newest = await HistoryAsync(guest, session.Id);
        Assert.Equal(Enumerable.Range(81, 50).Reverse().Select(i => (long)i), newest.Select(m => m.Seq));

        var page1 = await HistoryAsync(guest, session.Id, "?limit=100");
        var page2 = await HistoryAsync(guest, session.Id, $"?before={page1[^1].Seq}&limit=100");
        var page3 = await HistoryAsync(guest, session.Id, $"?before={page2[^1].Seq}&limit=100");
        Assert.Equal(Enumerable.Range(31, 100).Reverse().Select(i => (long)i), page1.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => (long)i), page2.Select(m => m.Seq));
        Assert.Empty(page3);
        Assert.All(page1.Concat(page2), m => Assert.Equal($"message {m.Seq}", m.Content));

        var middle = await HistoryAsync(host, session.Id, "?before=61&limit=5");
        Assert.Equal([60L, 59L, 58L, 57L, 56L], middle.Select(m => m.Seq));
    }

    [Fact]
    public async Task Only_active_participants_read_or_write_the_chat()
    {
        var (host, _, guest, _, session) = await SessionWithGuestAsync();
        var (outsider, _) = await _server.SignUpAsync();
        await SendAsync(host, session.Id, "members only");

        await Problem.ExpectAsync(await outsider.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "let me in" }), HttpStatusCode.Forbidden, "not_participant");
        await Problem.ExpectAsync(await outsider.GetAsync($"/api/sessions/{session.Id}/messages"), HttpStatusCode.Forbidden, "not_participant");

        (await guest.PostAsync($"/api/sessions/{session.Id}/leave", null)).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "bye" }), HttpStatusCode.Forbidden, "not_participant");
        await Problem.ExpectAsync(await guest.GetAsync($"/api/sessions/{session.Id}/messages"), HttpStatusCode.Forbidden, "not_participant");

        using var anonymous = _server.CreateClient();
        await Problem.ExpectAsync(await anonymous.GetAsync($"/api/sessions/{session.Id}/messages"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "hi" }), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.ExpectAsync(await host.GetAsync($"/api/sessions/{Guid.NewGuid()}/messages"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await host.PostAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/messages", new { content = "hi" }), HttpStatusCode.NotFound, "not_found");

        Assert.Single(await HistoryAsync(host, session.Id));
    }

    [Theory]
    [InlineData("""{"content":""}""")]
    [InlineData("""{"content":"   \n\t "}""")]
    [InlineData("""{"content":null}""")]
    [InlineData("""{}""")]
    public async Task Empty_content_is_refused_with_the_field_named(string body)
    {
        var (host, _, _, _, session) = await SessionWithGuestAsync();
        var response = await host.PostAsync($"/api/sessions/{session.Id}/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("content", problem.Errors.Keys);
        Assert.Empty(await HistoryAsync(host, session.Id));
    }

    [Fact]
    public async Task Content_is_measured_after_trimming_but_stored_with_its_spaces()
    {
        var (host, _, _, _, session) = await SessionWithGuestAsync();
        var longest = "  " + new string('x', 2000) + "  ";
        Assert.Equal(longest, (await SendAsync(host, session.Id, longest)).Content);

        var problem = await Problem.ExpectAsync(
            await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = new string('y', 2001) }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("content", problem.Errors.Keys);
        // Stored as sent, so what surrounds the text is bounded too: a word in 4,000 line breaks is not a message.
        await Problem.ExpectAsync(
            await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "x" + new string('\n', 4000) }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Single(await HistoryAsync(host, session.Id));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?before=0", "before")]
    [InlineData("?before=-3", "before")]
    [InlineData("?before=latest", "before")]
    public async Task Bad_paging_is_refused_with_the_field_named(string query, string field)
    {
        var (host, _, _, _, session) = await SessionWithGuestAsync();
        var problem = await Problem.ExpectAsync(await host.GetAsync($"/api/sessions/{session.Id}/messages{query}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task A_finished_session_refuses_new_messages_and_keeps_its_history()
    {
        var (host, _, guest, _, session) = await SessionWithGuestAsync();
        await SendAsync(guest, session.Id, "before the end");
        (await host.PostAsync($"/api/sessions/{session.Id}/end", null)).EnsureSuccessStatusCode();

        await Problem.ExpectAsync(await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "after" }), HttpStatusCode.Conflict, "session_finished");
        Assert.Equal("before the end", Assert.Single(await HistoryAsync(guest, session.Id)).Content);
    }
}
