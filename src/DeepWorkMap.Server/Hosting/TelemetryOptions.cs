namespace DeepWorkMap.Server.Hosting;

/// <summary>The <c>OpenTelemetry</c> section: metrics and traces go over OTLP when an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    public Uri? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "deepwork-map";
}
