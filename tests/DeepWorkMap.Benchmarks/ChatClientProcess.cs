using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Runs a chat plan's clients in a process of their own (<c>--clients-apart</c>): the server then has its
/// heap and thread pool to itself, as it would with clients on other machines, though both still share
/// this machine's cores. The child is this program with <c>chat-clients</c>; it prints its readings as they
/// come and one line per step result, which the parent reads back.
/// </summary>
public static class ChatClientProcess
{
    private const string ResultPrefix = "STEP-RESULT ";

    /// <summary>
    /// The child's marks around a step's sends ("ends" with the messages acknowledged), at which the server process reads its
    /// own collector: the step's KiB per message are otherwise the clients', and the server's share is the one to cut.
    /// </summary>
    public const string StepStarts = "STEP-STARTS";
    public const string StepEnds = "STEP-ENDS ";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<IReadOnlyList<ChatBenchmark.StepResult>> RunAsync(ChatBenchmark.ClientPlan plan)
    {
        var planFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(planFile, JsonSerializer.Serialize(plan, Json));
        try
        {
            var start = BenchChildProcess.StartInfo("chat-clients", planFile);
            using var child = Process.Start(start) ?? throw new InvalidOperationException("The client process did not start.");
            var results = new List<ChatBenchmark.StepResult>();
            var stepStart = ChatBenchmark.GcReading.Now();
            using var poolMisses = ArrayPoolMisses.StartIfAsked();
            using var serverPauses = new ProcessPauses("server ");
            var serverHoldsByStep = new List<ChatTail.Hold[]>(); // the warm-up's first, which has no result
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == StepStarts)
                {
                    stepStart = ChatBenchmark.GcReading.Now();
                    poolMisses?.TakeReading();
                    serverPauses.Take();
                }
                else if (line.StartsWith(StepEnds, StringComparison.Ordinal))
                {
                    Console.WriteLine($"  server process in the step: {ChatBenchmark.GcReading.Now().Since(stepStart, long.Parse(line[StepEnds.Length..]))}");
                    if (poolMisses is not null) Console.WriteLine($"  server {poolMisses.TakeReading()}");
                    serverHoldsByStep.Add([.. serverPauses.Take()]);
                }
                else if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    var result = JsonSerializer.Deserialize<ChatBenchmark.StepResult>(line[ResultPrefix.Length..], Json)!;
                    if (result.Tail is { } tail) Console.WriteLine($"{result.Offered:F0} msgs/s:\n{tail.Describe(serverHoldsByStep[1 + results.Count])}");
                    results.Add(result);
                }
                else
                    Console.WriteLine(line);
            }
            await child.WaitForExitAsync();
            if (child.ExitCode != 0) throw new InvalidOperationException($"The client process failed with exit code {child.ExitCode}.");
            return results;
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    /// <summary>The child's side: run the plan, print each step's result for the parent.</summary>
    public static async Task RunChildAsync(string planFile)
    {
        var plan = JsonSerializer.Deserialize<ChatBenchmark.ClientPlan>(await File.ReadAllTextAsync(planFile), Json)!;
        foreach (var result in await ChatBenchmark.RunStepsAsync(plan))
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, Json));
    }
}
