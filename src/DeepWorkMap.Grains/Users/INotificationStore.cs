using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Grains.Users;

/// <summary>The <c>notifications</c> table: every user's inbox.</summary>
public interface INotificationStore
{
    /// <summary>
    /// Stores the notice for the user unless they mute its kind; null when muted, or when the inbox already holds it (same
    /// kind, subject and occurrence). The mute is read with the write, from the preferences as stored, so delivering a
    /// notice needs no read of its own (a seat from the waitlist otherwise cost its user grain one).
    /// </summary>
    Task<Notification?> AddUnlessMutedAsync(Guid userId, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores the notice for each user who does not have it yet, in one statement; answers what was stored.</summary>
    Task<IReadOnlyList<Notification>> AddManyAsync(IReadOnlyList<Guid> userIds, Notice notice, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> notifications created before the one with id <paramref name="before"/> (or the newest), newest first.</summary>
    Task<IReadOnlyList<Notification>> PageAsync(Guid userId, Guid? before, int limit, CancellationToken cancellationToken = default);

    Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Marks read every notification of the user up to and including <paramref name="upTo"/> (by creation order).</summary>
    Task MarkReadAsync(Guid userId, Guid upTo, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes notifications read before <paramref name="cutoff"/>; answers how many.</summary>
    Task<int> RemoveReadBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
