-- Reports that users file about a session, a message or a user, for the moderators to resolve; a message a
-- moderator hid (shown to nobody, its seq kept); and an account a moderator suspended (its tokens refused).
CREATE TABLE reports (
    id          uuid          PRIMARY KEY,
    reporter_id uuid          NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    target_type varchar(10)   NOT NULL CHECK (target_type IN ('session', 'message', 'user')),
    target_id   uuid          NOT NULL,
    reason      varchar(20)   NOT NULL CHECK (reason IN ('spam', 'harassment', 'unsafe', 'inappropriate', 'other')),
    details     varchar(1000),
    created_at  timestamptz   NOT NULL,
    resolved_at timestamptz,
    resolved_by uuid          REFERENCES users(id) ON DELETE SET NULL,
    resolution  varchar(1000)
);
CREATE INDEX idx_reports_open ON reports (created_at) WHERE resolved_at IS NULL;

ALTER TABLE chat_messages ADD COLUMN hidden_at timestamptz;
ALTER TABLE users ADD COLUMN suspended_at timestamptz;
