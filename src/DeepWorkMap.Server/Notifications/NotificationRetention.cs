using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Users;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// Removes notifications read more than <see cref="Keep"/> ago, once an hour on every silo (the delete is the same
/// whoever runs it). Unread notifications stay however old.
/// </summary>
public sealed partial class NotificationRetention(INotificationStore inbox, Clock clock, ILogger<NotificationRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(90);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public Task<int> RunOnceAsync(CancellationToken cancellationToken = default) => inbox.RemoveReadBeforeAsync(clock.GetUtcNow() - Keep, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing old read notifications failed; trying again next hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
