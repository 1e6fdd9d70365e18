using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>The <c>Orleans</c> section: which cluster this silo joins and where it listens.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    [Required] public string ClusterId { get; set; } = "deepwork-map";

    /// <summary>Grain state is keyed by it: keep it stable across deployments.</summary>
    [Required] public string ServiceId { get; set; } = "deepwork-map";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; unset: loopback, or with Redis the host's first IPv4.</summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>Silo-to-silo probe period; three missed probes declare a silo dead.</summary>
    [Range(0.1, 60)] public double ProbeTimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// Running as a Kubernetes pod (deploy/kubernetes): the silo takes its name and address from the pod, and watches the
    /// pods of its cluster so a deleted pod's silo is declared dead at once (<c>UseKubernetesHosting</c>).
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>
    /// Orleans' activation rebalancing (experimental in Orleans 10): every 15 s after the first minute, silos move
    /// activations so each holds its share, as when a silo was added under load. Off by default; measured in
    /// docs/benchmarks.md (scale-out).
    /// </summary>
    public bool ActivationRebalancing { get; set; }
}
