using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>The 15-minute window for edits and deletions, on a server whose clock the test moves; and edits and markers surviving a restart.</summary>
public sealed class MessageEditWindowTests
{
    [Fact]
    public async Task A_message_can_be_changed_for_15_minutes_after_it_was_sent_and_not_after()
    {
        var clock = new ShiftableClock();
        await using var database = await TestDatabase.CreateAsync();
        var settings = RunningServer.Durable(database);
        settings["Jwt:TokenLifetimeMinutes"] = "120";
        await using var server = await RunningServer.StartAsync(settings, builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(clock)));
        var chat = await ChatSession.StartAsync(server, startInMinutes: 60);
        var early = await chat.SendAsync(chat.Host, "edit me in time");
        var late = await chat.SendAsync(chat.Host, "too late for me");

        clock.Advance(TimeSpan.FromMinutes(14));
        (await chat.Host.PatchAsJsonAsync(chat.Message(early.Seq), new { content = "edited in time" })).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(1.5));

        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(chat.Message(late.Seq), new { content = "now?" }), HttpStatusCode.Conflict, "edit_window_closed");
        await Problem.ExpectAsync(await chat.Host.DeleteAsync(chat.Message(late.Seq)), HttpStatusCode.Conflict, "edit_window_closed");
        await Problem.ExpectAsync(await chat.Host.PatchAsJsonAsync(chat.Message(early.Seq), new { content = "again" }), HttpStatusCode.Conflict, "edit_window_closed");
        var history = (await chat.Guest.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{chat.Session.Id}/messages"))!.Items;
        Assert.Equal(["too late for me", "edited in time"], history.Select(m => m.Content));
    }

    [Fact]
    public async Task Edits_deletions_and_read_markers_survive_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        ChatSession chat;
        long edited, deleted;
        await using (var first = await RunningServer.StartAsync(RunningServer.Durable(database)))
        {
            chat = await ChatSession.StartAsync(first);
            edited = (await chat.SendAsync(chat.Host, "before")).Seq;
            deleted = (await chat.SendAsync(chat.Host, "secret")).Seq;
            await chat.SendAsync(chat.Host, "unread after the restart");
            (await chat.Host.PatchAsJsonAsync(chat.Message(edited), new { content = "after" })).EnsureSuccessStatusCode();
            (await chat.Host.DeleteAsync(chat.Message(deleted))).EnsureSuccessStatusCode();
            (await chat.Guest.PutAsJsonAsync($"/api/sessions/{chat.Session.Id}/read-marker", new { seq = deleted })).EnsureSuccessStatusCode();
        }

        await using var second = await RunningServer.StartAsync(RunningServer.Durable(database));
        var (guest, _) = await second.LogInAsync(chat.GuestAuth.User.Username);
        var history = (await guest.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{chat.Session.Id}/messages"))!.Items;
        Assert.Equal(("after", true), (history.Single(m => m.Seq == edited).Content, history.Single(m => m.Seq == edited).EditedAt is not null));
        Assert.Equal(("", true), (history.Single(m => m.Seq == deleted).Content, history.Single(m => m.Seq == deleted).Deleted));
        var unread = await guest.GetFromJsonAsync<List<UnreadDto>>("/api/me/unread");
        Assert.Equal(1L, unread!.Single(u => u.SessionId == chat.Session.Id).Unread);
    }
}
