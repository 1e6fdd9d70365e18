using System.Diagnostics;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// What writing a session's state costs before it reaches PostgreSQL: every join and leave serializes the
/// whole state. Orleans' default grain storage serializer (Newtonsoft JSON) against ours, same states, same run.
/// </summary>
public static class StateSerializerBenchmark
{
    private const int Rounds = 5_000;

    public static async Task RunAsync(string admin)
    {
        await using var database = await BenchDatabase.CreateAsync(admin, "bench_state");
        await using var server = await BenchServer.StartAsync(database.ConnectionString);
        var orleansDefault = server.Services.GetRequiredService<IGrainStorageSerializer>();
        var ours = new GrainStateSerializer(server.Services.GetRequiredService<Serializer>(), orleansDefault);
        var report = new Report("Session state serialization, per write (every join and leave writes the whole state)",
            "seats taken", "serializer", "bytes", "serialize µs", "deserialize µs", "allocated per write", "serialize time vs default");
        foreach (var seats in new[] { 12, 500 })
        {
            var state = SessionWith(seats);
            var baseline = Measure(orleansDefault, state);
            var measured = Measure(ours, state);
            report.Row(seats, "Orleans default (Newtonsoft JSON)", baseline.Bytes, baseline.SerializeUs, baseline.DeserializeUs, $"{baseline.AllocatedBytes:N0} B", "1.00×");
            report.Row(seats, "GrainStateSerializer (Orleans binary)", measured.Bytes, measured.SerializeUs, measured.DeserializeUs, $"{measured.AllocatedBytes:N0} B",
                $"{measured.SerializeUs / baseline.SerializeUs:F2}×");
        }
        report.Note($"{Rounds:N0} writes and {Rounds / 10:N0} reads per row after a warm-up, one thread.");
        report.Publish("state-serializer.md");
    }

    private sealed record Reading(int Bytes, double SerializeUs, double DeserializeUs, long AllocatedBytes);

    private static Reading Measure(IGrainStorageSerializer serializer, StudySessionState state)
    {
        for (var i = 0; i < Rounds / 5; i++) serializer.Deserialize<StudySessionState>(serializer.Serialize(state));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var payload = serializer.Serialize(state);
        for (var i = 1; i < Rounds; i++) payload = serializer.Serialize(state);
        var serializeUs = clock.Elapsed.TotalMicroseconds / Rounds;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Rounds;
        clock.Restart();
        for (var i = 0; i < Rounds / 10; i++) serializer.Deserialize<StudySessionState>(payload);
        var deserializeUs = clock.Elapsed.TotalMicroseconds / (Rounds / 10);
        var roundTripped = serializer.Deserialize<StudySessionState>(payload)!;
        if (roundTripped.Participants.Count != state.Participants.Count) throw new InvalidOperationException("The state did not round-trip.");
        return new Reading(payload.ToMemory().Length, serializeUs, deserializeUs, allocated);
    }

    private static StudySessionState SessionWith(int seats)
    {
        var now = DateTimeOffset.UtcNow;
        var host = Guid.NewGuid();
        var state = new StudySessionState
        {
            Facts = new CreateSession(host, "Thermodynamics revision", "Physics", SessionTypes.ExamPrep, 48.85, 2.35, now, 120, seats),
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Participants[host] = new ParticipantEntry(host, ParticipantRoles.Host, now);
        while (state.Participants.Count < seats)
        {
            var user = Guid.NewGuid();
            state.Participants[user] = new ParticipantEntry(user, ParticipantRoles.Participant, now);
        }
        return state;
    }
}
