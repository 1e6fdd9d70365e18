namespace DeepWorkMap.Contracts;

/// <summary>
/// A grain method that may be sent again when the silo it went to stopped before answering (a rolling restart): doing it
/// twice leaves the same state and gives the same answer as doing it once (a read, a set, an upsert, a join, a message
/// under the id the caller chose). <c>HandOverRetry</c> sends such a call again; any other call is sent again only when
/// it provably never reached its grain.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RetrySafeAttribute : Attribute;
