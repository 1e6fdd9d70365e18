using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// While a silo hands a session over, its old activation may store one more message after the new one read the last
/// seq: the new one's next message then meets a taken seq. That message was not stored; the front door sends it again
/// under the same id, and the session's next activation stores it after the other one: the user sees it accepted, never
/// a 500 or a 503.
/// </summary>
public sealed class HandOverTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    [Fact]
    public async Task A_message_whose_seq_another_activation_took_is_sent_again_by_the_front_door_and_stored_after_that_one()
    {
        var (host, _) = await fixture.Server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var first = await (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "one" })).Content.ReadFromJsonAsync<MessageDto>();

        // What the old activation on a stopping silo would have done: stored the next seq behind this one's back.
        var intruder = Guid.NewGuid();
        await fixture.Database.ScalarAsync<int>("INSERT INTO chat_messages (id, session_id, seq, user_id, content) VALUES ($1, $2, $3, $4, 'two') RETURNING 1",
            intruder, session.Id, first!.Seq + 1, first.User.Id);

        // The front door sends it again under its id; the session's next activation stores it after the intruder.
        var response = await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "three" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var again = await response.Content.ReadFromJsonAsync<MessageDto>();
        Assert.Equal(first.Seq + 2, again!.Seq);
        var history = (await host.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!;
        Assert.Equal([again.Id, intruder, first.Id], history.Items.Select(m => m.Id));
    }
}
