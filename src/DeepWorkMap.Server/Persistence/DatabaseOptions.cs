namespace DeepWorkMap.Server.Persistence;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Migrate the schema at start-up; false: only check it and refuse to start when it is behind.</summary>
    public bool ApplySchemaOnStartup { get; set; } = true;
}
