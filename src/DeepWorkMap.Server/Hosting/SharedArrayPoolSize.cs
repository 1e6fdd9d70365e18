using System.Buffers;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// How many arrays of one size <see cref="ArrayPool{T}.Shared"/> keeps per core. The runtime keeps 32, which a front door's
/// fan-out runs dry: SignalR's per-connection pipes and Kestrel, JSON and Npgsql rent buffers for thousands of connections
/// at once, so past 32 every rent is a new array and every return a dropped one. The runtime reads the number from
/// <see cref="Variable"/> once, the first time any shared pool is used, and from nowhere else; <see cref="Apply"/> sets it
/// as the process's first act, before anything rents, unless the environment already says otherwise
/// (docs/operations.md, "Sizing").
/// </summary>
public static class SharedArrayPoolSize
{
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays of one size kept per core (the runtime's default is 32).</summary>
    public const int ArraysPerCore = 1024;

    /// <summary>Call first in Main: a shared pool used before this keeps the runtime's 32.</summary>
    public static void Apply()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Environment.SetEnvironmentVariable(Variable, ArraysPerCore.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What <c>DeepWorkMap.Server array-pool</c> prints: what the process got, and what its environment said.</summary>
    public static string Describe()
    {
        const int Count = 2_000;
        var kept = Kept(Count);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ArrayPool.Shared kept {kept} of {Count} byte arrays of one size rented at once and returned " +
            $"({Variable}={Environment.GetEnvironmentVariable(Variable)}, {Environment.ProcessorCount} cores; the runtime's default keeps 32 per core).");
    }

    /// <summary>
    /// How many of <paramref name="count"/> byte arrays of one size, rented at once and returned, the shared pool keeps:
    /// what the process got, whatever the environment said (<c>DeepWorkMap.Server array-pool</c> prints it).
    /// </summary>
    public static int Kept(int count, int size = 1_000)
    {
        var pool = ArrayPool<byte>.Shared;
        var rented = new byte[count][];
        for (var i = 0; i < count; i++) rented[i] = pool.Rent(size);
        var first = new HashSet<byte[]>(rented, ReferenceEqualityComparer.Instance);
        foreach (var array in rented) pool.Return(array);
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            rented[i] = pool.Rent(size);
            if (first.Contains(rented[i])) kept++;
        }
        foreach (var array in rented) pool.Return(array);
        return kept;
    }
}
