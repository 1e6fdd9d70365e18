-- Accounts you can trust (issue 26): names that are never given out again, moderators bound to accounts.
--
-- Emails and usernames are unique among open accounts only: a closed account's placeholders
-- (closed-<id>, closed-<id>@closed.invalid) never collide with anything, so closing never waits on a name.
DROP INDEX users_email_ci_key;
CREATE UNIQUE INDEX users_email_ci_key ON users (lower(email)) WHERE closed_at IS NULL;
DROP INDEX users_username_ci_key;
CREATE UNIQUE INDEX users_username_ci_key ON users (lower(username)) WHERE closed_at IS NULL;

-- The emails and usernames of closed accounts, kept only to refuse them to anyone else: a username as it compares
-- (lowercase; usernames are public), an email as the SHA-256 of its lowercase form (hex), never the address.
CREATE TABLE retired_names (
    kind       varchar(10) NOT NULL CHECK (kind IN ('email', 'username')),
    key        varchar(64) NOT NULL,
    retired_at timestamptz NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Who moderates: accounts, by id, granted and revoked with `DeepWorkMap.Server moderators` (scripts/moderators.sh).
-- A closed account's id never signs in again, and a new account never gets it.
CREATE TABLE moderators (
    user_id    uuid        PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    granted_at timestamptz NOT NULL DEFAULT now()
);

-- A block ends follows between the two, both ways (AccountGrain.Block); those made before that rule end here.
DELETE FROM follows f USING user_blocks b
WHERE (f.follower_id = b.blocker_id AND f.followee_id = b.blocked_id)
   OR (f.follower_id = b.blocked_id AND f.followee_id = b.blocker_id);

-- One open report per reporter and target: a second answers the first. Duplicates filed before are resolved as such,
-- the earliest staying open.
UPDATE reports r SET resolved_at = now(), resolution = 'Closed as a duplicate of an earlier open report by the same reporter.'
WHERE r.resolved_at IS NULL AND EXISTS (
    SELECT 1 FROM reports o
    WHERE o.resolved_at IS NULL AND o.reporter_id = r.reporter_id AND o.target_type = r.target_type AND o.target_id = r.target_id
      AND (o.created_at, o.id) < (r.created_at, r.id));
CREATE UNIQUE INDEX reports_open_per_reporter_key ON reports (reporter_id, target_type, target_id) WHERE resolved_at IS NULL;

-- The moderators' list pages through open reports by (created_at, id).
DROP INDEX idx_reports_open;
CREATE INDEX idx_reports_open ON reports (created_at, id) WHERE resolved_at IS NULL;

-- session_members records who waits in line too (role 'waitlisted'), beside the host and the participants: a user's
-- places in sessions to come are counted from it (Limits:ActiveJoinsPerUser) when their JoinQuotaGrain activates.
ALTER TABLE session_members ADD COLUMN role varchar(12) NOT NULL DEFAULT 'participant'
    CHECK (role IN ('host', 'participant', 'waitlisted'));
UPDATE session_members m SET role = 'host' FROM study_sessions s WHERE s.id = m.session_id AND s.host_id = m.user_id;
