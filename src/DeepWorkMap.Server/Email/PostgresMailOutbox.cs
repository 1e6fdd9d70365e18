using Npgsql;

namespace DeepWorkMap.Server.Email;

/// <summary>The <c>mail_outbox</c> table; claims skip rows another sender holds locked, so senders never wait on each other.</summary>
public sealed class PostgresMailOutbox(NpgsqlDataSource dataSource) : IMailOutbox
{
    public async Task EnqueueAsync(OutgoingMail mail, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnqueueAsync(connection, [mail], now, cancellationToken);
    }

    /// <summary>Puts the mails in the outbox on <paramref name="connection"/>, inside whatever transaction it has open.</summary>
    internal static async Task EnqueueAsync(NpgsqlConnection connection, IReadOnlyList<OutgoingMail> mails, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO mail_outbox (recipient, subject, text_body, html_body, list_unsubscribe, created_at, next_attempt_at)
            SELECT m.*, $6, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS m
            """, connection);
        command.Parameters.AddWithValue(mails.Select(m => m.To).ToArray());
        command.Parameters.AddWithValue(mails.Select(m => m.Subject).ToArray());
        command.Parameters.AddWithValue(mails.Select(m => m.TextBody).ToArray());
        command.Parameters.AddWithValue(mails.Select(m => m.HtmlBody).ToArray());
        command.Parameters.AddWithValue(mails.Select(m => m.OneClickUnsubscribe).ToArray());
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE mail_outbox SET locked_until = $3, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM mail_outbox
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
                ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient, subject, text_body, html_body, attempts - 1, list_unsubscribe
            """);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(max);
        command.Parameters.AddWithValue(now + lease);
        var claimed = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var mail = new OutgoingMail(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(6) ? null : reader.GetString(6));
            claimed.Add(new OutboxEntry(reader.GetInt64(0), mail, reader.GetInt32(5)));
        }
        return claimed.OrderBy(e => e.Id).ToList();
    }

    /// <summary>
    /// Records a mail the server accepted, without waiting for the WAL flush (synchronous_commit off for this
    /// transaction alone). One sender marks its mails one after another, so waiting would cost a WAL flush per mail
    /// that no other commit can share, and those flushes slowed every other write (docs/benchmarks.md, waitlist).
    /// Not waiting risks only what a crash between sending and marking already risks (the mail sent again, with the
    /// same Message-Id), and only if PostgreSQL itself stops within its WAL writer's delay (at most about 0.6 s).
    /// </summary>
    public async Task SentAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO off"),
                new NpgsqlBatchCommand("UPDATE mail_outbox SET sent_at = $2, locked_until = NULL, text_body = '', html_body = '' WHERE id = $1")
                {
                    Parameters = { new() { Value = id }, new() { Value = now } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE mail_outbox SET next_attempt_at = $2, locked_until = NULL, last_error = $3 WHERE id = $1", cancellationToken, id, nextAttemptAt, error);

    public Task FailedAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE mail_outbox SET failed_at = $2, locked_until = NULL, last_error = $3, text_body = '', html_body = '' WHERE id = $1", cancellationToken, id, now, error);

    public Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM mail_outbox WHERE sent_at < $1 OR failed_at < $1", cancellationToken, before);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
