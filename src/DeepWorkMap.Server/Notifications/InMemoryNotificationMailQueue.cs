using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>Embedded mode's queue: the in-memory inbox's notifications not yet taken, gone when the process ends.</summary>
public sealed class InMemoryNotificationMailQueue(
    InMemoryNotificationStore inbox, IUserStore users, IAccountStanding standing, IPreferencesStore preferences, IMailOutbox outbox) : INotificationMailQueue
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<int> MailAsync(int max, Func<MailableNotification, OutgoingMail?> compose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var taken = inbox.TakeUnmailed(max);
            foreach (var notification in taken)
            {
                if (await users.FindByIdAsync(notification.UserId, cancellationToken) is not { } account) continue;
                var (chosen, _) = await preferences.LoadAsync(notification.UserId, cancellationToken);
                var mayReceive = account.EmailVerifiedAt is not null && await standing.IsOpenAsync(account.Id, cancellationToken);
                if (compose(new MailableNotification(notification, account.Email, account.DisplayName, mayReceive, chosen.MailedKinds, chosen.TimeZone)) is { } mail)
                    await outbox.EnqueueAsync(mail, now, cancellationToken);
            }
            return taken.Count;
        }
        finally
        {
            _one.Release();
        }
    }
}
