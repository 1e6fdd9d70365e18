namespace DeepWorkMap.IntegrationTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails the test if it does not within <paramref name="within"/>.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string? what = null) =>
        HoldsAsync(condition, within, what, null);

    /// <summary>As above; on failure the message ends with what <paramref name="explain"/> says of the state then.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string? what, Func<string>? explain)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
                Assert.Fail($"{what ?? "the condition"} did not hold within {within.TotalSeconds:F0} s{(explain is null ? "" : ": " + explain())}");
            await Task.Delay(100);
        }
    }
}
