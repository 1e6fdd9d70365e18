using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Where a server's resident set goes, read from outside: the collector's own account of its heap (the runtime's
/// <c>System.Runtime</c> meter, which reports <c>GC.GetGCMemoryInfo</c> of the last collection, through dotnet-counters)
/// beside the kernel's, /proc/PID/smaps summed by kind of mapping. Together they tell the live heap from what the
/// collector keeps committed beyond it, and both from precompiled code, JIT-compiled code and native memory.
/// </summary>
public sealed record MemoryBreakdown(
    IReadOnlyDictionary<string, double> GcMiB,
    IReadOnlyDictionary<string, double> MappingsMiB)
{
    /// <summary>Reads both; the GC half is empty when dotnet-counters is not installed.</summary>
    public static async Task<MemoryBreakdown> ReadAsync(int processId) =>
        new(await CollectorAsync(processId), Mappings(processId));

    /// <summary>One line per figure, for the file beside the tables.</summary>
    public string Render(double residentMiB)
    {
        var text = new StringBuilder($"resident set (VmRSS): {residentMiB:F1} MiB\n\nthe collector, after its last collection (MiB):\n");
        foreach (var (name, value) in GcMiB) text.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {value:F1}");
        text.AppendLine("\nresident by mapping (smaps Rss, MiB):");
        foreach (var (name, value) in MappingsMiB.OrderByDescending(m => m.Value)) text.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {value:F1}");
        return text.ToString();
    }

    /// <summary>The short form for a table cell: committed / heap (fragmentation), and the resident memory the collector does not hold.</summary>
    public string Summary(double residentMiB)
    {
        if (!GcMiB.TryGetValue("committed", out var committed)) return "n/a";
        var heap = GcMiB.GetValueOrDefault("heap, all generations");
        var fragmentation = GcMiB.GetValueOrDefault("fragmentation, all generations");
        return FormattableString.Invariant($"{committed:F0} / {heap:F0} ({fragmentation:F0}); other {residentMiB - committed:F0}");
    }

    private static async Task<IReadOnlyDictionary<string, double>> CollectorAsync(int processId)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters");
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(tool)) return result;
        var file = Path.Combine(Path.GetTempPath(), $"memory-counters-{processId}-{Guid.NewGuid():N}.json");
        try
        {
            using var counters = Process.Start(new ProcessStartInfo(tool,
                ["collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--format", "json",
                 "-o", file, "--duration", "00:00:00:04"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await Task.WhenAll(counters.StandardOutput.ReadToEndAsync(), counters.StandardError.ReadToEndAsync(), counters.WaitForExitAsync());
            if (!File.Exists(file)) return result;
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            // The last value of each series wins: they only change at a collection.
            var latest = new Dictionary<(string, string), double>();
            foreach (var e in json.RootElement.GetProperty("Events").EnumerateArray())
                latest[(e.GetProperty("name").GetString()!, e.GetProperty("tags").GetString() ?? "")] = e.GetProperty("value").GetDouble();
            foreach (var ((name, tags), value) in latest)
            {
                var generation = tags.Split(',').Select(t => t.Split('=')).FirstOrDefault(t => t[0] == "gc.heap.generation")?[1];
                if (name.StartsWith("dotnet.gc.last_collection.memory.committed_size", StringComparison.Ordinal)) result["committed"] = value / Mib;
                else if (name.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal) && generation is not null) Add(result, "heap", generation, value);
                else if (name.StartsWith("dotnet.gc.last_collection.heap.fragmentation.size", StringComparison.Ordinal) && generation is not null) Add(result, "fragmentation", generation, value);
                else if (name.StartsWith("dotnet.process.memory.working_set", StringComparison.Ordinal)) result["working set (runtime's view)"] = value / Mib;
            }
            return result;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            result["unreadable: " + e.GetType().Name] = 0;
            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void Add(SortedDictionary<string, double> result, string what, string generation, double bytes)
    {
        result[$"{what}, {generation}"] = bytes / Mib;
        result[$"{what}, all generations"] = result.GetValueOrDefault($"{what}, all generations") + bytes / Mib;
    }

    /// <summary>
    /// smaps' Rss summed by kind: the managed assemblies (precompiled code and metadata), native libraries, the runtime's
    /// double-mapped executable memory (JIT-compiled code and stubs), the C heap, thread stacks, and anonymous memory (the
    /// collector's regions, native allocations, thread stacks other than the main one).
    /// </summary>
    private static IReadOnlyDictionary<string, double> Mappings(int processId)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        string kind = "anonymous";
        foreach (var line in File.ReadLines($"/proc/{processId}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
                kind = Kind(fields.Length >= 6 ? string.Join(' ', fields.Skip(5)) : "", fields[1]);
            else if (fields is ["Rss:", var kb, "kB"])
                result[kind] = result.GetValueOrDefault(kind) + double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
        }
        return result;
    }

    private static string Kind(string path, string permissions) => path switch
    {
        "" => permissions.Contains('x') ? "anonymous, executable" : "anonymous",
        "[heap]" => "C heap ([heap])",
        "[stack]" => "main thread's stack",
        _ when path.Contains("doublemapper", StringComparison.Ordinal) => "JIT-compiled code and stubs (doublemapper)",
        _ when path.EndsWith(".dll", StringComparison.Ordinal) => "managed assemblies (.dll, ReadyToRun code)",
        _ when path.Contains(".so", StringComparison.Ordinal) => "native libraries (.so)",
        _ when path.StartsWith('[') => path,
        _ => "other files",
    };

    private const double Mib = 1024 * 1024;
}
