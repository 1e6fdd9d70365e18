using Orleans.Placement;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>A minimal persistent grain: proves the storage provider and the cluster's routing, nothing else.</summary>
[Alias("DeepWorkMap.IntegrationTests.IProbeGrain")]
public interface IProbeGrain : IGrainWithGuidKey
{
    [Alias("Add")] Task<int> Add(int amount);
    [Alias("Get")] Task<int> Get();
    [Alias("Silo")] Task<string> Silo();
    [Alias("Deactivate")] Task Deactivate();
}

[GenerateSerializer, Alias("DeepWorkMap.IntegrationTests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public int Total { get; set; }
    [Id(1)] public List<int> History { get; set; } = [];
}

// Random placement: the cluster tests need probes spread over the silos, whatever the silos' load says.
[RandomPlacement]
public sealed class ProbeGrain(
    [PersistentState("probe", DeepWorkMap.Server.Hosting.SiloSetup.StorageName)] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IProbeGrain
{
    public async Task<int> Add(int amount)
    {
        state.State.Total += amount;
        state.State.History.Add(amount);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> Get() => Task.FromResult(state.State.Total);

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
