using System.Reflection;
using System.Text.RegularExpressions;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>
/// The README's configuration table says today's keys: each <c>Section:Key</c> it lists is a property of an options class
/// bound to that section, so an operator who copies a key from it is not refused at start-up, nor ignored.
/// </summary>
public sealed partial class DocumentedSettingsTests
{
    // Read by the host itself rather than through an options class.
    private static readonly HashSet<string> HostSections = ["ConnectionStrings"];

    [Fact]
    public void Every_key_in_the_readme_table_is_bound_by_an_options_class_of_its_section()
    {
        var readme = File.ReadAllLines(Path.Combine(ServerSource.Folder, "..", "..", "README.md"));
        var keys = readme
            .SkipWhile(line => line != "## Configuration")
            .TakeWhile((line, i) => i == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Key().Matches(line.Split('|')[1]).Select(m => (Section: m.Groups[1].Value, Property: m.Groups[2].Value)))
            .ToList();
        Assert.NotEmpty(keys);

        var bound = typeof(ValidatedOptions).Assembly.GetTypes()
            .Select(type => (Type: type, Section: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null)
            .SelectMany(t => t.Type.GetProperties().Select(p => (Section: t.Section!, Property: p.Name)))
            .ToHashSet();
        var unknown = keys.Where(k => !HostSections.Contains(k.Section) && !bound.Contains(k)).Select(k => $"{k.Section}:{k.Property}");
        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"`([A-Z][A-Za-z]+):([A-Z][A-Za-z]+)")]
    private static partial Regex Key();
}
