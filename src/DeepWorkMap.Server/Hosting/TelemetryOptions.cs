using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>The <c>OpenTelemetry</c> section: metrics and traces go over OTLP when an endpoint is set.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "OpenTelemetry";

    public Uri? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "deepwork-map";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Bound from text, a word becomes a relative address, which the exporter would only refuse once it is running.
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
            yield return new ValidationResult("must be the collector's http(s) address, e.g. http://otel-collector:4317.", [nameof(OtlpEndpoint)]);
    }
}
