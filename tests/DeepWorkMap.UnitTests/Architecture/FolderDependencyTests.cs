using System.Text.RegularExpressions;

namespace DeepWorkMap.UnitTests.Architecture;

/// <summary>
/// The server's folders (one namespace each) depend on each other without loops, as docs/architecture.md draws them: a
/// folder depends on another when one of its files names that folder's namespace (a <c>using</c> directive, or a
/// qualified name). The composition root (<c>DeepWorkMap.Server</c> itself: the app, its stores) may use every folder.
/// </summary>
public sealed partial class FolderDependencyTests
{
    /// <summary>What Identity may build on: the plumbing, never a feature (every feature builds on Identity).</summary>
    private static readonly string[] Infrastructure = ["Hosting", "Http", "Persistence", "Email", "Time"];

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        var graph = FolderGraph();
        var loops = Loops(graph.Keys.ToDictionary(folder => folder, folder => (IReadOnlyCollection<string>)graph[folder].Keys));
        Assert.True(loops.Count == 0, "Folders in a loop:\n" + string.Join("\n", loops.Select(loop => Describe(loop, graph))));
    }

    [Fact]
    public void Identity_depends_on_no_feature()
    {
        var graph = FolderGraph();
        var features = graph["Identity"].Where(edge => !Infrastructure.Contains(edge.Key)).Select(edge => $"{edge.Key} (in {string.Join(", ", edge.Value)})");
        Assert.Empty(features);
    }

    /// <summary>The graph is read from the real source: it holds the folders and the edges everyone knows of.</summary>
    [Fact]
    public void The_graph_sees_the_folders_and_their_usings()
    {
        var graph = FolderGraph();
        Assert.Superset(new HashSet<string> { "Accounts", "Chat", "Hosting", "Identity", "Realtime", "Sessions" }, graph.Keys.ToHashSet());
        Assert.Contains("Identity", graph["Sessions"].Keys);
        Assert.Contains("Sessions", graph["Realtime"].Keys);
        Assert.Equal([["A", "B", "C"]], Loops(new Dictionary<string, IReadOnlyCollection<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A", "D"], ["D"] = [] }));
    }

    /// <summary>For each folder, the folders it names, each with the files that name it.</summary>
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> FolderGraph()
    {
        var root = ServerSource.Folder;
        var folders = Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(name => name is not ("obj" or "bin" or "wwwroot")).ToHashSet();
        var graph = folders.ToDictionary(folder => folder, _ => new Dictionary<string, SortedSet<string>>());
        foreach (var file in ServerSource.Files())
        {
            var path = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (path.Length < 2) continue; // the composition root
            var code = Comment().Replace(File.ReadAllText(file), "");
            foreach (Match named in Named().Matches(code))
            {
                var target = named.Groups["folder"].Value;
                if (target == path[0] || !folders.Contains(target)) continue;
                if (!graph[path[0]].TryGetValue(target, out var files)) graph[path[0]][target] = files = [];
                files.Add(Path.GetFileName(file));
            }
        }
        return graph;
    }

    /// <summary>The strongly connected parts of more than one folder (Tarjan's algorithm), each sorted, in order.</summary>
    private static List<List<string>> Loops(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var loops = new List<List<string>>();
        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in graph.GetValueOrDefault(folder, []))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next)) low[folder] = Math.Min(low[folder], index[next]);
            }
            if (low[folder] != index[folder]) return;
            var part = new List<string>();
            string member;
            do part.Add(member = stack.Pop()); while (member != folder);
            if (part.Count > 1) loops.Add([.. part.Order(StringComparer.Ordinal)]);
        }
        foreach (var folder in graph.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(folder)) Visit(folder);
        return [.. loops.OrderBy(loop => loop[0], StringComparer.Ordinal)];
    }

    private static string Describe(List<string> loop, Dictionary<string, Dictionary<string, SortedSet<string>>> graph) =>
        string.Join("; ", loop.SelectMany(from => graph[from].Where(edge => loop.Contains(edge.Key))
            .Select(edge => $"{from} -> {edge.Key} ({string.Join(", ", edge.Value)})")));

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    /// <summary>A using directive or a qualified name of a folder's namespace (not the file's own namespace declaration, which is its folder).</summary>
    [GeneratedRegex(@"(?<!namespace\s+)\bDeepWorkMap\.Server\.(?<folder>\w+)")]
    private static partial Regex Named();
}
