using System.Diagnostics;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// The deployment files, checked as far as a machine without Docker or a Kubernetes cluster allows: HAProxy accepts its
/// configuration; the compose files describe the topology the processes run (every front door behind the balancer,
/// health checks, drains that fit their grace period); the Kubernetes overlays render with kubectl kustomize and every
/// object passes its API schema (kubernetes-models, pinned in package.json) and refers to objects that exist.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static string Root => RepositoryRoot.Path;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Haproxy_accepts_the_balancer_configuration(int doors)
    {
        var environment = new Dictionary<string, string> { ["DWM_BALANCER_BIND"] = "127.0.0.1:8080", ["DWM_CHECK_INTERVAL"] = "1s" };
        for (var i = 1; i <= doors; i++) environment[$"DWM_DOOR{i}"] = $"127.0.0.1:{8080 + i}";
        var (exitCode, output) = await RunAsync("haproxy", ["-c", "-f", Path.Combine(Root, "deploy", "haproxy", "haproxy.cfg")], environment);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_compose_files_put_every_front_door_behind_the_balancer_with_health_checks_and_room_to_drain()
    {
        var (exitCode, output, errors) = await NodeScript.RunAsync("tests/js/deploy-check.mjs", Patience, "compose", "docker-compose.yml", "docker-compose.split.yml");
        Assert.True(exitCode == 0, errors + output);
        Assert.Contains("docker-compose.yml: 3 app processes (3 serving clients) behind balancer", output);
        Assert.Contains("docker-compose.split.yml: 5 app processes (2 serving clients) behind balancer", output);
    }

    [Fact]
    public async Task The_kubernetes_overlays_render_and_every_object_is_valid_and_refers_to_what_exists()
    {
        var copy = CopyOfKubernetesFiles();
        var rendered = new List<string>();
        foreach (var overlay in new[] { "dev", "production" })
        {
            var (exitCode, output) = await RunAsync("kubectl", ["kustomize", Path.Combine(copy, "overlays", overlay)]);
            Assert.True(exitCode == 0, output);
            var file = Path.Combine(copy, $"{overlay}.yaml");
            await File.WriteAllTextAsync(file, output);
            rendered.Add(file);
        }
        var check = await NodeScript.RunAsync("tests/js/deploy-check.mjs", Patience, ["kubernetes", .. rendered]);
        Assert.True(check.ExitCode == 0, check.Errors + check.Output);
        Assert.Contains("HorizontalPodAutoscaler, Ingress", check.Output);
        Assert.Contains("PodDisruptionBudget", check.Output);

        // The check catches what it is for: without the dev overlay's common label, its PostgreSQL Service selects nothing.
        var kustomization = Path.Combine(copy, "overlays", "dev", "kustomization.yaml");
        var withoutLabel = (await File.ReadAllTextAsync(kustomization)).Replace("commonLabels:\n  app.kubernetes.io/name: deepwork-map\n", "");
        Assert.NotEqual(await File.ReadAllTextAsync(kustomization), withoutLabel);
        await File.WriteAllTextAsync(kustomization, withoutLabel);
        var broken = await RunAsync("kubectl", ["kustomize", Path.Combine(copy, "overlays", "dev")]);
        Assert.True(broken.ExitCode == 0, broken.Output);
        await File.WriteAllTextAsync(rendered[0], broken.Output);
        var caught = await NodeScript.RunAsync("tests/js/deploy-check.mjs", Patience, "kubernetes", rendered[0]);
        Assert.Equal(1, caught.ExitCode);
        Assert.Contains("Service/deepwork-dev/deepwork-postgres: selects no pods", caught.Errors);
    }

    /// <summary>deploy/kubernetes in a temporary folder, with the secrets.env each overlay needs made from the example.</summary>
    private static string CopyOfKubernetesFiles()
    {
        var copy = Directory.CreateTempSubdirectory("dwm-kubernetes-").FullName;
        var source = Path.Combine(Root, "deploy", "kubernetes");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        foreach (var overlay in new[] { "dev", "production" })
            File.Copy(Path.Combine(source, "overlays", "production", "secrets.env.example"), Path.Combine(copy, "overlays", overlay, "secrets.env"), overwrite: true);
        return copy;
    }

    /// <summary>Standard output (standard error appended when the command fails).</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string[] arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, process.ExitCode == 0 ? await output : await output + await errors);
    }
}
