using DeepWorkMap.Grains;

namespace DeepWorkMap.Server.Email;

/// <summary>How the app sends mail: durably into the outbox, then this process's sender is woken to send it at once.</summary>
public sealed class Mailer(IMailOutbox outbox, OutboxSender sender, Clock clock)
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        await outbox.EnqueueAsync(mail, clock.GetUtcNow(), cancellationToken);
        sender.Wake();
    }
}
