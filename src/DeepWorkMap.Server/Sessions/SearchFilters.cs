namespace DeepWorkMap.Server.Sessions;

/// <summary>What every search takes besides its area (docs/api.md's nearby rules): the filters, the page size and the cursor.</summary>
public sealed record SearchFilters(string? SessionType, string? Subject, string? Status, int Limit, DeepWorkMap.Contracts.Geo.NearbyCursor? After);
