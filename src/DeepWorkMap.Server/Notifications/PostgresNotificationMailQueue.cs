using DeepWorkMap.Server.Email;
using Npgsql;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// Notifications with no <c>mail_checked_at</c>, taken with <c>FOR UPDATE SKIP LOCKED</c> so every front door can run a
/// mailer without two taking the same one.
/// </summary>
public sealed class PostgresNotificationMailQueue(NpgsqlDataSource dataSource) : INotificationMailQueue
{
    public async Task<int> MailAsync(int max, Func<MailableNotification, OutgoingMail?> compose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = new List<MailableNotification>();
        await using (var select = new NpgsqlCommand($"""
            SELECT {Prefixed("n.")}, u.email, u.display_name,
                   u.email_verified_at IS NOT NULL AND u.closed_at IS NULL AND u.suspended_at IS NULL AS may_receive,
                   p.email_kinds, coalesce(p.time_zone, 'UTC') AS time_zone
            FROM notifications n
            JOIN users u ON u.id = n.user_id
            LEFT JOIN user_preferences p ON p.user_id = n.user_id
            WHERE n.mail_checked_at IS NULL
            ORDER BY n.created_at LIMIT $1
            FOR UPDATE OF n SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue(max);
            await using var r = await select.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var kinds = r.IsDBNull(r.GetOrdinal("email_kinds")) ? null : r.GetFieldValue<string[]>(r.GetOrdinal("email_kinds"));
                taken.Add(new MailableNotification(PostgresNotificationStore.Read(r), r.GetFieldValue<string>(r.GetOrdinal("email")),
                    r.GetFieldValue<string>(r.GetOrdinal("display_name")), r.GetFieldValue<bool>(r.GetOrdinal("may_receive")),
                    kinds ?? Contracts.Users.UserPreferences.DefaultEmailKinds, r.GetFieldValue<string>(r.GetOrdinal("time_zone"))));
            }
        }
        if (taken.Count == 0) return 0;

        var mails = taken.Select(compose).OfType<OutgoingMail>().ToList();
        if (mails.Count > 0) await PostgresMailOutbox.EnqueueAsync(connection, mails, now, cancellationToken);
        await using (var mark = new NpgsqlCommand("UPDATE notifications SET mail_checked_at = $2 WHERE id = ANY($1)", connection, transaction))
        {
            mark.Parameters.AddWithValue(taken.Select(t => t.Notification.Id).ToArray());
            mark.Parameters.AddWithValue(now);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return taken.Count;
    }

    private static string Prefixed(string alias) =>
        string.Join(", ", PostgresNotificationStore.Columns.Split(", ").Select(column => alias + column));
}
