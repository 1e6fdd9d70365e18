namespace DeepWorkMap.Server.Accounts;

/// <summary>What a closed account's unique columns hold instead of its email and username: nothing that was the person's.</summary>
public static class ClosedAccount
{
    public static (string Email, string Username) Placeholders(Guid id) => ($"closed-{id:N}@closed.invalid", $"closed-{id:N}");
}
