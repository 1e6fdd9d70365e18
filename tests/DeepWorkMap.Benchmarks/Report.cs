using System.Text;

namespace DeepWorkMap.Benchmarks;

/// <summary>A markdown table, printed and saved under artifacts/benchmarks.</summary>
public sealed class Report(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public void Row(params object[] cells) => _rows.Add(cells.Select(c => c switch
    {
        double d => d.ToString(d >= 100 ? "F0" : d >= 10 ? "F1" : "F2", System.Globalization.CultureInfo.InvariantCulture),
        _ => c.ToString() ?? "",
    }).ToArray());

    public void Note(string note) => _notes.Add(note);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"### {title}").AppendLine();
        text.AppendLine($"Machine: {Machine.Describe()}").AppendLine();
        text.AppendLine("| " + string.Join(" | ", columns) + " |");
        text.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var row in _rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
        if (_notes.Count > 0) text.AppendLine();
        foreach (var note in _notes) text.AppendLine(note);
        return text.ToString();
    }

    public void Publish(string fileName)
    {
        var rendered = Render();
        Console.WriteLine(rendered);
        Attach(fileName, rendered);
    }

    /// <summary>Writes a file beside the tables (raw evidence such as a heap by type), without printing it.</summary>
    public static void Attach(string fileName, string text)
    {
        var directory = Environment.GetEnvironmentVariable("DWM_BENCH_OUT") ?? "artifacts/benchmarks";
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, fileName), text);
    }
}
