namespace DeepWorkMap.Contracts.Chat;

/// <summary>
/// A chat message was not acknowledged: it was not stored, or (the database failing mid-write) may not have been. Its
/// seq was taken (during a hand-over, the session's old activation on a stopping silo stored one more message while the
/// new one started), an earlier message of the same run was not stored, or the database failed. An Orleans failure, so
/// the front doors answer it as they answer a cluster that did not answer: 503 <c>unavailable</c>, send it again.
/// </summary>
[GenerateSerializer, Alias("DeepWorkMap.Contracts.Chat.ChatNotStoredException")]
public sealed class ChatNotStoredException : OrleansException
{
    public ChatNotStoredException(string message) : base(message)
    {
    }

    public ChatNotStoredException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
