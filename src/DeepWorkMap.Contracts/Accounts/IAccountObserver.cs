using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Accounts;

/// <summary>A front door holding live connections of accounts, told when one is closed so it can drop them.</summary>
[Alias("DeepWorkMap.IAccountObserver")]
public interface IAccountObserver : IGrainObserver
{
    [OneWay, Alias("AccountClosed")] Task AccountClosed(Guid userId);
}
