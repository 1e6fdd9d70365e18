namespace DeepWorkMap.Grains.Accounts;

/// <summary>Where an account's standing is durable: the account store.</summary>
public interface IAccountStanding
{
    /// <summary>The account exists, has not been closed, and is not suspended.</summary>
    Task<bool> IsOpenAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Bearer tokens issued before this are refused (a password reset signs out every device); null: none is.</summary>
    Task<DateTimeOffset?> TokensValidFromAsync(Guid userId, CancellationToken cancellationToken = default);
}
