using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.Server.Chat;

/// <summary>A message waiting for its row in the chat log, and its sender waiting for the row to be durable.</summary>
internal sealed record PendingWrite(ChatMessage Message, SeqChain Chain, TaskCompletionSource Done);
