using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// While a silo hands a session over, its old activation may store one more message after the new one read the last
/// seq: the new one's next message then meets a taken seq. That message was not acknowledged, and the client must be
/// told to send it again (503 <c>unavailable</c>), not that the server failed (500); the next send goes through.
/// </summary>
public sealed class HandOverTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    [Fact]
    public async Task A_message_whose_seq_another_activation_took_is_answered_unavailable_and_sending_again_stores_it_after_that_one()
    {
        var (host, _) = await fixture.Server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var first = await (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "one" })).Content.ReadFromJsonAsync<MessageDto>();

        // What the old activation on a stopping silo would have done: stored the next seq behind this one's back.
        var intruder = Guid.NewGuid();
        await fixture.Database.ScalarAsync<int>("INSERT INTO chat_messages (id, session_id, seq, user_id, content) VALUES ($1, $2, $3, $4, 'two') RETURNING 1",
            intruder, session.Id, first!.Seq + 1, first.User.Id);

        await Problem.ExpectAsync(await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "three" }), HttpStatusCode.ServiceUnavailable, "unavailable");

        MessageDto? again = null;
        await Eventually.HoldsAsync(async () =>
        {
            var response = await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "three" });
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return false;
            again = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MessageDto>();
            return true;
        }, TimeSpan.FromSeconds(30), "the message stored when sent again");
        Assert.Equal(first.Seq + 2, again!.Seq);
        var history = (await host.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!;
        Assert.Equal([again.Id, intruder, first.Id], history.Items.Select(m => m.Id));
    }
}
