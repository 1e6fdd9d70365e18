using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>The <c>Drain</c> section: how a front door leaves the load balancer's rotation when it is told to stop.</summary>
public sealed class DrainOptions
{
    public const string Section = "Drain";

    /// <summary>
    /// How long a front door goes on serving after SIGTERM with <c>/health/ready</c> answering 503, before it stops: at
    /// least the balancer's health-check interval times the failed checks it needs (the shipped HAProxy: 2 × 1 s; a
    /// Kubernetes endpoint update: a few seconds), so no new request is sent to a process that has stopped listening.
    /// </summary>
    [Range(0, 120)] public double DelaySeconds { get; set; } = 5;
}
