using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// References to session grains. <c>GetGrain&lt;T&gt;(Guid)</c> resolves the grain interface by reading its
/// attributes on every call, and the chat path makes one reference per message; this resolves the grain and
/// interface types once and builds each reference from its id.
/// </summary>
public sealed class SessionGrains(IGrainFactory grains)
{
    private readonly Lazy<(GrainType Grain, GrainInterfaceType Interface)> _types = new(() =>
    {
        var sample = (GrainReference)grains.GetGrain<IStudySessionGrain>(Guid.Empty);
        return (sample.GrainId.Type, sample.InterfaceType);
    });

    public IStudySessionGrain Get(Guid sessionId)
    {
        var (grainType, interfaceType) = _types.Value;
        return (IStudySessionGrain)grains.GetGrain(GrainId.Create(grainType, GrainIdKeyExtensions.CreateGuidKey(sessionId)), interfaceType);
    }
}
