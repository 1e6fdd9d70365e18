namespace DeepWorkMap.Grains;

public static class StorageNames
{
    /// <summary>The grain storage every DeepWorkMap grain persists through (ADO.NET on PostgreSQL, or memory).</summary>
    public const string Default = "deepwork";
}
