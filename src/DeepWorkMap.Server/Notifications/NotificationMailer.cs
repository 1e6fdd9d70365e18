using DeepWorkMap.Grains;
using DeepWorkMap.Server.Email;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// Mails stored notifications of the kinds their owners asked for, on every front door: takes waiting notifications in
/// batches (<see cref="INotificationMailQueue"/>), writes their mails into the outbox, and wakes the sender. It runs
/// beside the paths that store notifications, never on them: a leave that seats someone waits for the inbox row only.
/// </summary>
public sealed partial class NotificationMailer(
    INotificationMailQueue queue, NotificationMails mails, OutboxSender sender, IOptions<EmailOptions> options, Clock clock,
    ILogger<NotificationMailer> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await queue.MailAsync(BatchSize, mails.Compose, clock.GetUtcNow(), stoppingToken);
                if (taken > 0) sender.Wake();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogMailerFailed(logger, e);
            }
            if (taken == BatchSize) continue;
            try
            {
                await Task.Delay(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mail notifications; they wait and are tried again")]
    private static partial void LogMailerFailed(ILogger logger, Exception exception);
}
