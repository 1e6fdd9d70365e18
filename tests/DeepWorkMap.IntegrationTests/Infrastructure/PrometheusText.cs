using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>Reads samples out of a /metrics answer (Prometheus' text format).</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of a metric's series (those with the label value, if given), or null when it is not there.</summary>
    public static double? Value(string metrics, string name, string? labelValue = null)
    {
        var values = Sample().Matches(metrics)
            .Where(m => m.Groups["name"].Value == name && (labelValue is null || m.Groups["labels"].Value.Contains($"=\"{labelValue}\"", StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
