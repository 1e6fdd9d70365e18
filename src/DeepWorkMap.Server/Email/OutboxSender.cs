using DeepWorkMap.Grains;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DeepWorkMap.Server.Email;

/// <summary>
/// Sends the outbox, on every process that has one: claims due mail in small leased batches (another sender skips
/// them), hands each to the transport, and records the outcome. A server that cannot be reached or answers "try later"
/// (4xx) gets the mail again after a wait that doubles up to <c>Email:RetryMaxSeconds</c>; one that refuses it for good
/// (5xx) or <c>Email:MaxAttempts</c> failures give it up. A mail is marked sent as soon as the server accepted it; only a
/// crash between the two (or a connection lost while the server was answering, or PostgreSQL stopping before the mark
/// reached its disk) can send one twice.
/// </summary>
public sealed partial class OutboxSender(
    IMailOutbox outbox, IMailTransport transport, IOptions<EmailOptions> options, Clock clock, ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>Mail was just written here: look now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (transport is PickupFolderTransport folder) LogPickupFolder(logger, folder.Directory);
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await SendDueAsync(stoppingToken) == BatchSize;
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogOutboxFailed(logger, e);
            }
            if (full) continue;
            try
            {
                await _wake.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One batch; how many mails it claimed.</summary>
    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var batch = await outbox.ClaimAsync(BatchSize, Lease, clock.GetUtcNow(), cancellationToken);
        if (batch.Count == 0) return 0;
        IMailSession session;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogServerUnreachable(logger, batch.Count, e.Message);
            foreach (var entry in batch) await NotSentAsync(entry, e.Message, permanent: false);
            return batch.Count;
        }
        await using (session)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var entry = batch[i];
                try
                {
                    await session.SendAsync(ToMime(entry), cancellationToken);
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
                {
                    await NotSentAsync(entry, e.Message, permanent: false);
                    continue;
                }
                catch (SmtpCommandException e)
                {
                    LogRefused(logger, entry.Id, e.Message);
                    await NotSentAsync(entry, e.Message, permanent: true);
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The connection is gone: this mail and the rest of the batch wait for the next one.
                    LogServerUnreachable(logger, batch.Count - i, e.Message);
                    foreach (var unsent in batch.Skip(i)) await NotSentAsync(unsent, e.Message, permanent: false);
                    break;
                }
                await outbox.SentAsync(entry.Id, clock.GetUtcNow(), CancellationToken.None);
            }
        }
        return batch.Count;
    }

    private Task NotSentAsync(OutboxEntry entry, string error, bool permanent)
    {
        var attempts = entry.Attempts + 1;
        var now = clock.GetUtcNow();
        if (permanent || attempts >= options.Value.MaxAttempts) return outbox.FailedAsync(entry.Id, now, error, CancellationToken.None);
        var wait = Math.Min(Math.Pow(2, Math.Min(attempts - 1, 30)), options.Value.RetryMaxSeconds);
        return outbox.RetryAsync(entry.Id, now + TimeSpan.FromSeconds(wait), error, CancellationToken.None);
    }

    private MimeMessage ToMime(OutboxEntry entry)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        var message = new MimeMessage { Subject = entry.Mail.Subject };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(entry.Mail.To));
        message.Body = new BodyBuilder { TextBody = entry.Mail.TextBody, HtmlBody = entry.Mail.HtmlBody }.ToMessageBody();
        var domain = from.Domain is { Length: > 0 } d ? d : "localhost";
        // One id per outbox row: a receiver that keeps ids can drop the rare second copy.
        message.MessageId = $"outbox-{entry.Id}@{domain}";
        if (entry.Mail.OneClickUnsubscribe is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _prunedAt < TimeSpan.FromHours(1)) return;
        _prunedAt = now;
        await outbox.PruneAsync(now - Retention, cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No SMTP server (Email:Smtp:Host) is configured: every mail is written as an .eml file to {Directory} and sent to nobody.")]
    private static partial void LogPickupFolder(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server could not take {Count} mails ({Reason}); they wait in the outbox and are retried")]
    private static partial void LogServerUnreachable(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused outbox mail {Id} for good: {Reason}")]
    private static partial void LogRefused(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading or updating the mail outbox failed; the next round retries")]
    private static partial void LogOutboxFailed(ILogger logger, Exception exception);
}
