namespace DeepWorkMap.Contracts.Api;

/// <summary>The body of <c>PUT /api/sessions/{id}/read-marker</c>: the last message seq the caller has seen.</summary>
public sealed record ReadMarkerRequest(long? Seq);
