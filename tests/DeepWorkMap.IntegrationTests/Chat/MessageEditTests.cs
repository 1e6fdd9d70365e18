using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>docs/api.md's message edits and deletions over real HTTP and the hub, checked in PostgreSQL.</summary>
public sealed class MessageEditTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_sender_edits_and_deletes_their_message_and_history_shows_edited_and_deleted_without_the_words()
    {
        var chat = await ChatSession.StartAsync(_server);
        var kept = await chat.SendAsync(chat.Host, "see you at 3");
        var gone = await chat.SendAsync(chat.Host, "my phone number is 555-0199");

        var edited = await ReadAsync<MessageDto>(await chat.Host.PatchAsJsonAsync(chat.Message(kept.Seq), new { content = "see you at 4" }), HttpStatusCode.OK);
        Assert.Equal(("see you at 4", kept.Id, kept.Seq, false), (edited.Content, edited.Id, edited.Seq, edited.Deleted));
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(HttpStatusCode.NoContent, (await chat.Host.DeleteAsync(chat.Message(gone.Seq))).StatusCode);

        // Every reader, the sender included, sees the edit and the empty place; the deleted words are in no answer.
        foreach (var reader in new[] { chat.Host, chat.Guest })
        {
            var raw = await reader.GetStringAsync($"/api/sessions/{chat.Session.Id}/messages");
            Assert.DoesNotContain("555-0199", raw);
            var history = JsonSerializer.Deserialize<ItemsDto<MessageDto>>(raw, HubListener.Json)!.Items;
            Assert.Equal(("see you at 4", edited.EditedAt), (history.Single(m => m.Seq == kept.Seq).Content, history.Single(m => m.Seq == kept.Seq).EditedAt));
            var deleted = history.Single(m => m.Seq == gone.Seq);
            Assert.Equal(("", true, gone.Id), (deleted.Content, deleted.Deleted, deleted.Id));
        }
        await using var hub = await HubListener.ConnectAsync(_server, chat.GuestAuth.Token);
        var joined = await hub.Connection.InvokeAsync<JsonElement>("SubscribeSession", chat.Session.Id.ToString());
        Assert.DoesNotContain("555-0199", joined.GetRawText());
        Assert.Contains("see you at 4", joined.GetRawText());
        Assert.DoesNotContain("555-0199", await chat.Host.GetStringAsync("/api/me/export"));

        // Stored so: the row keeps its place, with the words overwritten.
        Assert.Equal("", await fixture.Database.ScalarAsync<string>("SELECT content FROM chat_messages WHERE id = $1 AND deleted_at IS NOT NULL", gone.Id));
        Assert.Equal("see you at 4", await fixture.Database.ScalarAsync<string>("SELECT content FROM chat_messages WHERE id = $1 AND edited_at IS NOT NULL", kept.Id));
    }

    [Fact]
    public async Task Only_the_sender_changes_a_message_and_every_refusal_has_its_code_on_rest_and_hub_alike()
    {
        var chat = await ChatSession.StartAsync(_server);
        var (outsider, _) = await _server.SignUpAsync();
        var mine = await chat.SendAsync(chat.Host, "the host's words");
        var url = chat.Message(mine.Seq);

        await Problem.ExpectAsync(await chat.Guest.PatchAsJsonAsync(url, new { content = "rewritten by another" }), HttpStatusCode.Forbidden, "not_author");
        await Problem.ExpectAsync(await chat.Guest.DeleteAsync(url), HttpStatusCode.Forbidden, "not_author");
        await Problem.ExpectAsync(await outsider.PatchAsJsonAsync(url, new { content = "let me" }), HttpStatusCode.Forbidden, "not_participant");
        await Problem.ExpectAsync(await _server.CreateClient().DeleteAsync(url), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(url, new { content = "   " }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(url, new { content = new string('x', 2001) }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(url, new { content = 5 }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(chat.Message(mine.Seq + 1), new { content = "not sent yet" }), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await chat.Host.DeleteAsync(chat.Message(0)), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await chat.Host.DeleteAsync($"/api/sessions/{Guid.NewGuid()}/messages/1"), HttpStatusCode.NotFound, "not_found");

        await using var guestHub = await HubListener.ConnectAsync(_server, chat.GuestAuth.Token);
        await using var hostHub = await HubListener.ConnectAsync(_server, chat.HostAuth.Token);
        await HubRefusedAsync("not_author", guestHub.Connection.InvokeAsync("DeleteMessage", chat.Session.Id.ToString(), mine.Seq));
        await HubRefusedAsync("validation_failed", hostHub.Connection.InvokeAsync<MessageDto>("EditMessage", chat.Session.Id.ToString(), "1", "seq as text"));
        await HubRefusedAsync("validation_failed", hostHub.Connection.InvokeAsync<MessageDto>("EditMessage", chat.Session.Id.ToString(), mine.Seq, ""));
        var byHub = await hostHub.Connection.InvokeAsync<MessageDto>("EditMessage", chat.Session.Id.ToString(), mine.Seq, "edited on the hub");
        Assert.Equal("edited on the hub", byHub.Content);
        await hostHub.Connection.InvokeAsync("DeleteMessage", chat.Session.Id.ToString(), mine.Seq);

        await Problem.ExpectAsync(await chat.Host.DeleteAsync(url), HttpStatusCode.Conflict, "message_deleted");
        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(url, new { content = "back again" }), HttpStatusCode.Conflict, "message_deleted");
        await HubRefusedAsync("message_deleted", hostHub.Connection.InvokeAsync("DeleteMessage", chat.Session.Id.ToString(), mine.Seq));
    }

    [Fact]
    public async Task Subscribers_hear_an_edit_and_a_deletion_live_except_those_who_block_the_sender()
    {
        var chat = await ChatSession.StartAsync(_server);
        var (blocker, blockerAuth) = await _server.SignUpAsync();
        (await blocker.PostAsync($"/api/sessions/{chat.Session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var guest = await HubListener.ConnectAsync(_server, chat.GuestAuth.Token);
        await using var blocking = await HubListener.ConnectAsync(_server, blockerAuth.Token);
        await guest.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", chat.Session.Id.ToString());
        await blocking.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", chat.Session.Id.ToString());
        var message = await chat.SendAsync(chat.Host, "first draft");
        await Eventually.HoldsAsync(() => Task.FromResult(blocking.Messages.Any(m => m.Id == message.Id)), Patience, "the message before the block");
        Assert.Equal(HttpStatusCode.NoContent, (await blocker.PostAsync($"/api/users/{chat.HostAuth.User.Id}/block", null)).StatusCode);

        (await chat.Host.PatchAsJsonAsync(chat.Message(message.Seq), new { content = "second draft" })).EnsureSuccessStatusCode();
        (await chat.Host.DeleteAsync(chat.Message(message.Seq))).EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(() => Task.FromResult(Changes(guest).Count == 2), Patience, "two messageChanged events");
        var (edit, deletion) = (Changes(guest)[0], Changes(guest)[1]);
        Assert.Equal(("second draft", message.Seq, message.Id, chat.Session.Id, false), (edit.Content, edit.Seq, edit.Id, edit.SessionId, edit.Deleted));
        Assert.NotNull(edit.EditedAt);
        Assert.Equal(("", true, message.Seq), (deletion.Content, deletion.Deleted, deletion.Seq));
        // The edit and deletion went out before this message did, to everyone subscribed.
        var after = await chat.SendAsync(chat.Guest, "a later message");
        await Eventually.HoldsAsync(() => Task.FromResult(blocking.Messages.Any(m => m.Id == after.Id)), Patience, "the later message");
        Assert.Empty(Changes(blocking));
    }

    [Fact]
    public async Task An_edit_right_after_its_send_under_the_pipelined_writer_is_stored_after_its_message_and_never_lost()
    {
        var chat = await ChatSession.StartAsync(_server);
        var last = 0L;
        // Edits aimed at the seq that is about to be taken race the sends: each is refused (not found) or, once its
        // message is acknowledged, stored; an edit never lands on a row that is not there yet.
        using var stop = new CancellationTokenSource();
        var racing = new List<(long Seq, string Content)>();
        var racer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var seq = Interlocked.Read(ref last) + 1;
                var response = await chat.Host.PatchAsJsonAsync(chat.Message(seq), new { content = $"raced {seq}" });
                if (response.StatusCode == HttpStatusCode.OK) lock (racing) racing.Add((seq, $"raced {seq}"));
                else await Problem.ExpectAsync(response, HttpStatusCode.NotFound, "not_found");
            }
        });
        var edited = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var sent = await chat.SendAsync(chat.Host, $"draft {i}");
            InterlockedMax(ref last, sent.Seq);
            var response = await chat.Host.PatchAsJsonAsync(chat.Message(sent.Seq), new { content = $"final {i}" });
            return (sent.Seq, Status: response.StatusCode);
        }));
        await stop.CancelAsync();
        await racer;

        Assert.All(edited, e => Assert.Equal(HttpStatusCode.OK, e.Status));
        var stored = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM chat_messages WHERE session_id = $1 AND content LIKE 'final %' AND edited_at >= created_at", chat.Session.Id);
        // Each acknowledged edit is in the table, unless a racing edit came after it (then that one's words are).
        var racedLater = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM chat_messages WHERE session_id = $1 AND content LIKE 'raced %'", chat.Session.Id);
        Assert.Equal(40L, stored + racedLater);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM chat_messages WHERE session_id = $1 AND content LIKE 'draft %'", chat.Session.Id));
        Assert.Equal(40L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chat_messages WHERE session_id = $1", chat.Session.Id));
        // The session's memory (which answers the newest history) says what the table says: no change was overtaken
        // by its own message reaching memory after it.
        var history = (await chat.Guest.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{chat.Session.Id}/messages?limit=40"))!.Items;
        foreach (var message in history)
            Assert.Equal(await fixture.Database.ScalarAsync<string>("SELECT content FROM chat_messages WHERE id = $1", message.Id), message.Content);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private static IReadOnlyList<MessageDto> Changes(HubListener listener) =>
        listener.Events(HubEvents.MessageChanged).Select(e => e.Deserialize<MessageDto>(HubListener.Json)!).ToList();

    internal static async Task HubRefusedAsync(string code, Task call)
    {
        var refused = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Contains($"HubException: {code}:", refused.Message);
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}

/// <summary>A session with its host and one guest, signed in, for chat tests.</summary>
internal sealed record ChatSession(HttpClient Host, AuthResult HostAuth, HttpClient Guest, AuthResult GuestAuth, SessionDto Session)
{
    public static async Task<ChatSession> StartAsync(RunningServer server, int startInMinutes = 10)
    {
        var (host, hostAuth) = await server.SignUpAsync();
        var (guest, guestAuth) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: startInMinutes);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        return new ChatSession(host, hostAuth, guest, guestAuth, session);
    }

    public string Message(long seq) => $"/api/sessions/{Session.Id}/messages/{seq}";

    public async Task<MessageDto> SendAsync(HttpClient from, string content)
    {
        var response = await from.PostAsJsonAsync($"/api/sessions/{Session.Id}/messages", new { content });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }
}
