using System.Diagnostics;
using System.Reflection;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// This program started again as a process of its own with a child command (the chat's clients, the live map's
/// watchers): the load's other side, off the server's heap and thread pool. The server's array pool setting stays the
/// server's: the other side (browsers, people's devices) keeps the runtime's default, so an A/B of the setting changes
/// only the process it is meant for.
/// </summary>
public static class BenchChildProcess
{
    public static ProcessStartInfo StartInfo(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        start.Environment.Remove(DeepWorkMap.Server.Hosting.SharedArrayPoolSize.Variable);
        start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add(command);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
