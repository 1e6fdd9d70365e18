using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// The <c>Operations</c> section: a listener of its own for operators, apart from the public one the load balancer
/// forwards to. It serves <c>/metrics</c> (Prometheus) and, on silos, the Orleans dashboard (<c>/dashboard/</c>), and
/// nothing else; the public port serves neither.
/// </summary>
public sealed class OperationsOptions : IValidatableObject
{
    public const string Section = "Operations";

    /// <summary>Where operators reach this process, e.g. <c>http://0.0.0.0:9090</c>; unset, no metrics and no dashboard are served.</summary>
    public Uri? Url { get; set; }

    /// <summary>The Orleans dashboard on a silo's operations listener (it shows grain state and keys: operators only).</summary>
    public bool Dashboard { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is { } url && (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttp || url.IsDefaultPort || url.AbsolutePath != "/"))
            yield return new ValidationResult("must be http://host:port, with a port of its own (e.g. http://0.0.0.0:9090).", [nameof(Url)]);
    }
}
