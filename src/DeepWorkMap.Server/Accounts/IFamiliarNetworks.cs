namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// The networks each account signed in from lately, so failures elsewhere do not hold its owner out: in Redis when
/// the cluster has it, else in memory. Entries are digests of the account and the network, forgotten after a while.
/// </summary>
public interface IFamiliarNetworks
{
    Task<bool> IsFamiliarAsync(string account, string network);

    /// <summary>The account signed in from <paramref name="network"/>: familiar for <paramref name="forgetAfter"/> from now.</summary>
    Task RememberAsync(string account, string network, TimeSpan forgetAfter);

    /// <summary>What is stored for the pair: a digest, so the store holds no address next to an account in clear.</summary>
    public static string KeyOf(string account, string network) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{account}|{network}")));
}
