using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Sessions;

/// <summary>References to session grains, built from their id (the chat path makes one per message; see <see cref="GuidKeyedGrains{TGrain}"/>).</summary>
public sealed class SessionGrains(IGrainFactory grains) : GuidKeyedGrains<IStudySessionGrain>(grains);
