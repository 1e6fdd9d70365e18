using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using DeepWorkMap.Server.Stats;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepWorkMap.IntegrationTests.FocusRoom;

/// <summary>How focus time reaches <c>focus_time</c> on PostgreSQL: many sessions' writes in one statement, and a session that answers while its write waits.</summary>
public sealed class FocusTimeWriteTests
{
    [Fact]
    public async Task Many_sessions_focus_time_is_stored_exactly_in_a_statement_or_two()
    {
        await using var database = await TestDatabase.CreateAsync();
        var users = await TestUsers.CreateAsync(database, 5);
        await using (var count = database.DataSource.CreateCommand("""
            CREATE TABLE focus_statements (n int NOT NULL);
            CREATE FUNCTION count_focus_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO focus_statements VALUES (1); RETURN NULL; END $$;
            CREATE TRIGGER count_focus_statement AFTER INSERT ON focus_time FOR EACH STATEMENT EXECUTE FUNCTION count_focus_statement();
            """))
        {
            await count.ExecuteNonQueryAsync();
        }
        await using var log = new PostgresFocusLog(database.DataSource, NullLogger<PostgresFocusLog>.Instance);

        // 40 sessions' sweeps, each with its 5 participants' stretches, handed over at once as a busy silo's are.
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var sessions = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var handedOver = sessions.Select((sessionId, s) => users.Select((userId, u) =>
            new FocusInterval(userId, sessionId, start.AddMinutes(s), start.AddMinutes(s).AddSeconds(10 + u))).ToList()).ToList();
        await Task.WhenAll(handedOver.Select(intervals => log.RecordAsync(intervals)));

        var stored = await log.SpansAsync(users, null, null);
        Assert.Equal(
            handedOver.SelectMany(i => i).Select(i => (i.UserId, i.SessionId, i.StartedAt, i.EndedAt)).Order(),
            stored.Select(s => (s.UserId, s.SessionId, s.StartedAt, s.EndedAt)).Order());
        var statements = await database.ScalarAsync<long>("SELECT count(*) FROM focus_statements");
        Assert.True(statements <= 2, $"{statements} statements for 40 sessions' writes");
    }

    [Fact]
    public async Task A_stretch_handed_over_twice_at_once_is_stored_once_with_its_later_end()
    {
        await using var database = await TestDatabase.CreateAsync();
        var users = await TestUsers.CreateAsync(database, 1);
        await using var log = new PostgresFocusLog(database.DataSource, NullLogger<PostgresFocusLog>.Instance);
        var (sessionId, start) = (Guid.NewGuid(), new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        // A session's last write as it deactivates, beside its sweep's of the same growing stretch: one statement may not
        // update a row twice, and neither write may fail for the other.
        await Task.WhenAll(
            log.RecordAsync([new FocusInterval(users[0], sessionId, start, start.AddMinutes(5))]),
            log.RecordAsync([new FocusInterval(users[0], sessionId, start, start.AddMinutes(7))]));

        var stored = Assert.Single(await log.SpansAsync(users, null, null));
        Assert.Equal(start.AddMinutes(7), stored.EndedAt);
    }

    [Fact]
    public async Task A_session_answers_while_its_focus_time_waits_for_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        var users = await TestUsers.CreateAsync(database, 3);
        // Every write to focus_time waits for a lock this test holds: a database that is slow to commit, for as long as
        // the test wants.
        await using (var gate = database.DataSource.CreateCommand("""
            CREATE FUNCTION wait_for_the_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock(3131); RETURN NULL; END $$;
            CREATE TRIGGER wait_for_the_test AFTER INSERT ON focus_time FOR EACH STATEMENT EXECUTE FUNCTION wait_for_the_test();
            """))
        {
            await gate.ExecuteNonQueryAsync();
        }
        await using var holder = await database.DataSource.OpenConnectionAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(3131)", holder)) await take.ExecuteNonQueryAsync();

        await using var cluster = await TestClusters.StartAsync(1, database);
        var session = cluster.Client.GetGrain<IStudySessionGrain>(Guid.NewGuid());
        var create = SessionCommands.Valid(users[0], start: DateTimeOffset.UtcNow.AddMinutes(-1));
        await AnswersAsync(async () => (await session.Create(create)).Error is null, "the session created"); // the cluster's first call
        Assert.Null((await session.Join(users[1])).Error);
        var frontDoor = cluster.Client.CreateObjectReference<ISessionObserver>(new QuietSessionObserver());
        await session.ReportPresence(frontDoor, new Dictionary<Guid, PresenceReport> { [users[1]] = new(PresenceStates.Active, DateTimeOffset.UtcNow) });

        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO focus_time%'") > 0,
            TimeSpan.FromSeconds(30), "the session's focus time waiting for the database");

        // Someone joins meanwhile: the session answers, not after the write (which waits until the test lets it go).
        await AnswersAsync(async () => (await session.Join(users[2])).Error is null, "the join answered while the write waits");

        await using (var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(3131)", holder)) await release.ExecuteNonQueryAsync();
        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>(
                "SELECT count(*) FROM focus_time WHERE user_id = $1", users[1]) > 0,
            TimeSpan.FromSeconds(30), "the focus time stored once the database answers");
    }

    /// <summary>A call that answers within a minute; a busy machine may time one out (joins and creates are idempotent).</summary>
    private static Task AnswersAsync(Func<Task<bool>> call, string what) =>
        Eventually.HoldsAsync(async () =>
        {
            try { return await call(); }
            catch (TimeoutException) { return false; }
        }, TimeSpan.FromSeconds(60), what);
}
