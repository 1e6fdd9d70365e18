namespace DeepWorkMap.IntegrationTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails the test if it does not within <paramref name="within"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string? what = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what ?? "the condition"} did not hold within {within.TotalSeconds:F0} s");
            await Task.Delay(100);
        }
    }
}
