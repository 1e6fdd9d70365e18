using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>
/// The group-commit writer against real PostgreSQL, with many messages of one session in flight at once:
/// they land in seq order, a message that cannot be stored keeps every later one of its chain out, and a
/// lost connection costs only the batch in flight.
/// </summary>
public sealed class ChatLogTests
{
    [Fact]
    public async Task Messages_appended_at_once_are_all_stored_in_seq_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (sessionId, author) = await SessionAsync(database);
        await using var log = new PostgresChatLog(database.DataSource, NullLogger<PostgresChatLog>.Instance);
        var chain = new SeqChain();

        await Task.WhenAll(Enumerable.Range(1, 300).Select(seq => log.AppendAsync(Message(sessionId, seq, author), chain)));

        var stored = await log.LatestAsync(sessionId, null, 1000);
        Assert.Equal(Enumerable.Range(1, 300).Reverse().Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.False(chain.IsBroken);
    }

    [Fact]
    public async Task A_message_that_cannot_be_stored_keeps_the_later_ones_of_its_chain_out_so_seq_has_no_gap()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (sessionId, author) = await SessionAsync(database);
        var stranger = new UserDto(Guid.NewGuid(), "nobody", "Not in users", null); // fails the foreign key
        await using var log = new PostgresChatLog(database.DataSource, NullLogger<PostgresChatLog>.Instance);
        var chain = new SeqChain();

        var first = log.AppendAsync(Message(sessionId, 1, author), chain);
        var bad = log.AppendAsync(Message(sessionId, 2, stranger), chain);
        var later = Enumerable.Range(3, 20).Select(seq => log.AppendAsync(Message(sessionId, seq, author), chain)).ToArray();

        await first;
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        foreach (var refused in later) await Assert.ThrowsAnyAsync<Exception>(() => refused);
        Assert.True(chain.IsBroken);
        Assert.Equal([1L], (await log.LatestAsync(sessionId, null, 100)).Select(m => m.Seq));

        // The next activation starts a new chain from the last stored seq.
        var next = new SeqChain();
        await log.AppendAsync(Message(sessionId, 2, author), next);
        await log.AppendAsync(Message(sessionId, 3, author), next);
        Assert.Equal([3L, 2L, 1L], (await log.LatestAsync(sessionId, null, 100)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_seq_another_activation_took_keeps_the_later_ones_of_its_batch_out_so_seq_has_no_gap()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (sessionId, author) = await SessionAsync(database);
        await using var log = new PostgresChatLog(database.DataSource, NullLogger<PostgresChatLog>.Instance, writers: 1);
        var chain = new SeqChain();
        await log.AppendAsync(Message(sessionId, 1, author), chain);
        // What the old activation on a silo handing the session over would have done: stored seq 3 behind this one's back.
        var intruder = Message(sessionId, 3, author);
        await using (var old = new PostgresChatLog(database.DataSource, NullLogger<PostgresChatLog>.Instance))
            await old.AppendAsync(intruder, new SeqChain());

        // Given at once, 2 goes first and 3 to 20 wait behind it for the one writer, so they go in one batch.
        var second = log.AppendAsync(Message(sessionId, 2, author), chain);
        var taken = log.AppendAsync(Message(sessionId, 3, author), chain);
        var later = Enumerable.Range(4, 17).Select(seq => log.AppendAsync(Message(sessionId, seq, author), chain)).ToArray();

        await second;
        await Assert.ThrowsAnyAsync<Exception>(() => taken);
        foreach (var refused in later) await Assert.ThrowsAnyAsync<Exception>(() => refused);
        var stored = await log.LatestAsync(sessionId, null, 100);
        Assert.Equal([3L, 2L, 1L], stored.Select(m => m.Seq));
        Assert.Equal(intruder.Id, stored[0].Id);
    }

    [Fact]
    public async Task When_the_writers_connection_is_lost_the_batch_in_flight_fails_and_later_messages_are_stored_on_a_new_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (sessionId, author) = await SessionAsync(database);
        // One writer, so the next batch meets the connection that is ended.
        await using var log = new PostgresChatLog(database.DataSource, NullLogger<PostgresChatLog>.Instance, writers: 1);
        var chain = new SeqChain();
        await log.AppendAsync(Message(sessionId, 1, author), chain);

        // The server ends the writer's connection (a restart or an administrator would).
        await using (var terminate = database.DataSource.CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
            "WHERE datname = current_database() AND query LIKE '%INSERT INTO chat_messages%' AND pid <> pg_backend_pid()"))
        {
            Assert.Equal(true, await terminate.ExecuteScalarAsync());
        }
        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync(Message(sessionId, 2, author), chain));

        var next = new SeqChain();
        await log.AppendAsync(Message(sessionId, 2, author), next);
        Assert.Equal([2L, 1L], (await log.LatestAsync(sessionId, null, 100)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_session_whose_write_is_held_up_holds_up_neither_another_sessions_messages_nor_its_own_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (held, author) = await SessionAsync(database);
        var (other, _) = await SessionAsync(database, author.Id);
        await using var log = new PostgresChatLog(database.DataSource, NullLogger<PostgresChatLog>.Instance);

        // Another transaction holds seq 1 of the first session uncommitted: the log's INSERT of that seq waits for it.
        await using var blocker = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var claim = new Npgsql.NpgsqlCommand("INSERT INTO chat_messages (id, session_id, seq, user_id, content) VALUES ($1, $2, 1, $3, 'pending')", blocker, transaction))
        {
            claim.Parameters.AddWithValue(Guid.NewGuid());
            claim.Parameters.AddWithValue(held);
            claim.Parameters.AddWithValue(author.Id);
            await claim.ExecuteNonQueryAsync();
        }
        var heldChain = new SeqChain();
        var (first, second) = (Message(held, 1, author), Message(held, 2, author));
        var firstStored = log.AppendAsync(first, heldChain);
        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO chat_messages%'") > 0,
            TimeSpan.FromSeconds(30), "the log's INSERT waiting on the uncommitted seq");
        var secondStored = log.AppendAsync(second, heldChain);

        // The other session's messages are stored meanwhile, each acknowledged once durable.
        var otherChain = new SeqChain();
        await log.AppendAsync(Message(other, 1, author), otherChain).WaitAsync(TimeSpan.FromSeconds(30));
        await log.AppendAsync(Message(other, 2, author), otherChain).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([2L, 1L], (await log.LatestAsync(other, null, 10)).Select(m => m.Seq));
        Assert.False(firstStored.IsCompleted || secondStored.IsCompleted, "the held session's messages wait for their seq");

        // Released, the held session's messages are stored in seq order.
        await transaction.RollbackAsync();
        await Task.WhenAll(firstStored, secondStored).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([second.Id, first.Id], (await log.LatestAsync(held, null, 10)).Select(m => m.Id));
    }

    private static ChatMessage Message(Guid sessionId, long seq, UserDto author) =>
        new(Guid.NewGuid(), sessionId, seq, author.Id, $"message {seq}", DateTimeOffset.UtcNow);

    /// <summary>A user and a catalog row for the messages' foreign keys.</summary>
    private static async Task<(Guid SessionId, UserDto Author)> SessionAsync(TestDatabase database, Guid? hostId = null)
    {
        var host = hostId ?? (await TestUsers.CreateAsync(database, 1))[0];
        var sessionId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow;
        await using var insert = database.DataSource.CreateCommand("""
            INSERT INTO study_sessions (id, host_id, title, subject, session_type, status, latitude, longitude, venue_latitude, venue_longitude,
                                        tile_key, coarse_tile_key, start_time, duration_minutes, end_time, max_participants, current_participants)
            VALUES ($1, $2, 'Chat log test', 'Testing', 'silent', 'live', 48.8566, 2.3522, 48.8566, 2.3522, 'f0:0', 'c0:0', $3, 60, $4, 10, 1)
            """);
        insert.Parameters.AddWithValue(sessionId);
        insert.Parameters.AddWithValue(host);
        insert.Parameters.AddWithValue(start);
        insert.Parameters.AddWithValue(start.AddMinutes(60));
        await insert.ExecuteNonQueryAsync();
        return (sessionId, new UserDto(host, "host", "Host", null));
    }
}
