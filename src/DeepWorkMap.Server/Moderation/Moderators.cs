using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Who moderates: accounts granted the role in the database (see <see cref="ModeratorCommand"/>), or named by id in configuration.</summary>
public sealed class Moderators(IOptions<ModerationOptions> options, IModeratorStore store)
{
    public async Task<bool> IsModeratorAsync(Guid userId, CancellationToken cancellationToken) =>
        options.Value.Names(userId) || await store.IsModeratorAsync(userId, cancellationToken);
}
