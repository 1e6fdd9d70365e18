using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// References to account grains, built from their id: a front door calls them for every connected user's renewal and
/// every chat lease refill (see <see cref="GuidKeyedGrains{TGrain}"/>).
/// </summary>
public sealed class AccountGrains(IGrainFactory grains) : GuidKeyedGrains<IAccountGrain>(grains);
