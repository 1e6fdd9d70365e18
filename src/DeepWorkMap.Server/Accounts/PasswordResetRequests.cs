using System.Threading.Channels;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Password resets asked for, worked off the request path: the request only queues the address, so it answers in the
/// same time whether or not an account has it. A process that stops drops what it had not worked yet (the owner asks again).
/// </summary>
public sealed partial class PasswordResetRequests(IServiceScopeFactory scopes, ILogger<PasswordResetRequests> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues the address once its form is right (null), before anything is looked up; else the field at fault.</summary>
    public Refusal? Request(string? address)
    {
        var errors = new Dictionary<string, string[]>();
        if (AccountRules.Email(address, errors) is not { } email) return Refusal.Validation(errors);
        _queue.Writer.TryWrite(email);
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var account = await scope.ServiceProvider.GetRequiredService<IUserStore>().FindByLoginAsync(email, stoppingToken);
                // A closed account is never found; a suspended one could not sign in with a new password anyway.
                if (account is null || !await scope.ServiceProvider.GetRequiredService<AccountGuard>().IsOpenAsync(account.Id)) continue;
                await scope.ServiceProvider.GetRequiredService<AccountLinks>().SendPasswordResetAsync(account, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogResetFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset request could not be worked; the owner may ask again")]
    private static partial void LogResetFailed(ILogger logger, Exception exception);
}
