using DeepWorkMap.Testing;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Orleans.TestingHost;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>A 3-silo cluster holding 2,500 sessions crowded at the hard places of the globe, made once per test class.</summary>
public sealed class NearbyWorld : IAsyncLifetime
{
    public static readonly string[] Subjects = ["Mathematics", "mathematics", "History", "Physics", "Law"];

    public static readonly (double Lat, double Lng)[] Hotspots =
    [
        (0, 180), (0.5, -179.95), (-33.9, 179.99), (66, -180), (90, 0), (89.97, -45), (-90, 0), (-89.9, 120),
        (0, 0), (0, 33.3), (48.8566, 2.3522), (85.06, 10), (-85.05, -100),
        (-90 + 2000 * 0.045, -180 + 1234 * 0.05), // near fine tile corners
    ];

    public TestCluster Cluster { get; private set; } = null!;
    public List<SessionSnapshot> Sessions { get; } = [];

    public async Task InitializeAsync()
    {
        Cluster = await TestClusters.StartAsync(3);
        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        var commands = new List<CreateSession>();
        for (var i = 0; i < 2500; i++)
        {
            var (lat, lng) = i % 5 == 4
                ? (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180)
                : Oracle.Destination(Hotspots[i % Hotspots.Length].Lat, Hotspots[i % Hotspots.Length].Lng, random.NextDouble() * 360, random.NextDouble() * 60);
            if (i % 50 == 0) (lat, lng) = (Math.Round(lat / 0.045) * 0.045, Math.Round(lng / 0.45) * 0.45); // on tile edges
            // Start times well away from now, so no status moves while the test compares.
            var start = random.Next(3) == 0 ? now.AddMinutes(-4) : now.AddMinutes(15 + random.Next(60 * 24 * 20));
            commands.Add(new CreateSession(Guid.NewGuid(), "Session " + i, Subjects[random.Next(Subjects.Length)],
                SessionTypes.All.ElementAt(random.Next(3)), lat, lng, start, 60 + random.Next(600), 10));
        }

        var ids = commands.Select(_ => Guid.NewGuid()).ToArray();
        var created = new SessionSnapshot[commands.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, commands.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            created[i] = (await Cluster.Client.GetGrain<IStudySessionGrain>(ids[i]).Create(commands[i])).Session!);
        // Some sessions end early: they must be gone from every answer.
        for (var i = 0; i < created.Length; i += 17)
            created[i] = (await Cluster.Client.GetGrain<IStudySessionGrain>(ids[i]).End(commands[i].HostId)).Session!;
        Sessions.AddRange(created);
    }

    public Task DisposeAsync() => Cluster.DisposeAsync().AsTask();
}
