using System.Net;
using DeepWorkMap.Grains;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// Pushes stored notifications, on every front door: turns unpushed notifications into deliveries
/// (<see cref="IPushOutbox"/>), then sends the due ones, encrypted (aes128gcm) and signed with the VAPID key. A 404 or
/// 410 from the push service removes that subscription; a refusal of the message itself (400, 413) gives it up; any
/// other failure tries again after a wait that doubles up to <c>Push:RetryMaxSeconds</c>, at most <c>Push:MaxAttempts</c>
/// times. A push is marked done as soon as the service took it; only a crash between the two can send it twice.
/// </summary>
public sealed partial class PushDeliverer(
    IPushOutbox outbox, IPushSubscriptionStore subscriptions, PushKeyring keyring, IHttpClientFactory httpClients, IOptions<PushOptions> options,
    Clock clock, ILogger<PushDeliverer> logger) : BackgroundService
{
    private const int EnqueueBatch = 200;
    private const int SendBatch = 50;
    private const int SendersAtOnce = 8;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    // Longer than a whole batch can take (50 pushes, 8 at a time, each at most SendTimeout: under 4 minutes), so no
    // other front door claims a push while this one may still be sending it.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A push its service could not hand over within a day (the browser offline) is stale: the inbox still has it.</summary>
    private const int TimeToLiveSeconds = 24 * 60 * 60;

    private PushServiceClient _client = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (keyring.Keys is not { } keys) return;
        using var vapid = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = keys.Subject };
        // The "vapid" scheme (RFC 8292: t= and k= in one header) with aes128gcm (RFC 8291), as every current push service takes.
        _client = new PushServiceClient(httpClients.CreateClient(nameof(PushDeliverer)))
        {
            DefaultAuthentication = vapid, DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await outbox.EnqueueAsync(EnqueueBatch, PushPayloads.Compose, clock.GetUtcNow(), stoppingToken) == EnqueueBatch;
                busy |= await SendDueAsync(stoppingToken) == SendBatch;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPushFailed(logger, e);
            }
            if (busy) continue;
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

    private async Task<int> SendDueAsync(CancellationToken stoppingToken)
    {
        var batch = await outbox.ClaimAsync(SendBatch, Lease, clock.GetUtcNow(), stoppingToken);
        // Once claimed, a batch is finished even while stopping: a push cut off after the service took it would go again.
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = SendersAtOnce }, async (delivery, _) => await SendAsync(delivery));
        return batch.Count;
    }

    private async Task SendAsync(PushDelivery delivery)
    {
        var subscription = new PushSubscription { Endpoint = delivery.To.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, delivery.To.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, delivery.To.Auth);
        var message = new PushMessage(delivery.Payload) { Urgency = PushMessageUrgency.High, TimeToLive = TimeToLiveSeconds };
        using var timeout = new CancellationTokenSource(SendTimeout);
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, timeout.Token);
            await outbox.DoneAsync(delivery.Id, CancellationToken.None);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
        {
            // The browser dropped the subscription (404, 410), or it was made with a VAPID key this server no longer
            // signs with (403, after a key rotation): nothing will reach it again.
            await subscriptions.RemoveGoneAsync(delivery.SubscriptionId, CancellationToken.None);
            await outbox.DoneAsync(delivery.Id, CancellationToken.None);
        }
        catch (HttpRequestException e) when (e.InnerException is PushEndpointInsideException inside)
        {
            // Its host resolves inside this network now (it did not when it was posted): the endpoint is no push service's.
            LogInside(logger, delivery.SubscriptionId, inside.Message);
            await subscriptions.RemoveGoneAsync(delivery.SubscriptionId, CancellationToken.None);
            await outbox.DoneAsync(delivery.Id, CancellationToken.None);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            LogRefused(logger, delivery.Id, (int)e.StatusCode, e.Body ?? e.Message);
            await outbox.DoneAsync(delivery.Id, CancellationToken.None);
        }
        catch (Exception e) when (e is PushServiceClientException or HttpRequestException or OperationCanceledException)
        {
            var attempts = delivery.Attempts + 1;
            if (attempts >= options.Value.MaxAttempts)
            {
                LogGivenUp(logger, delivery.Id, attempts, e.Message);
                await outbox.DoneAsync(delivery.Id, CancellationToken.None);
                return;
            }
            var wait = Math.Min(Math.Pow(2, Math.Min(attempts - 1, 30)), options.Value.RetryMaxSeconds);
            await outbox.RetryAsync(delivery.Id, attempts, clock.GetUtcNow() + TimeSpan.FromSeconds(wait), CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading or updating the pushes failed; the next round retries")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The push service refused push {Id} for good ({Status}): {Reason}")]
    private static partial void LogRefused(ILogger logger, long id, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push subscription {Id} removed: {Reason}")]
    private static partial void LogInside(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {Id} given up after {Attempts} attempts: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, long id, int attempts, string reason);
}
