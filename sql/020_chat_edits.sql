-- Messages as chat users expect: a sender edits or deletes their own message for 15 minutes after sending it
-- (edited_at: the last edit or the deletion; deleted_at: deleted, its content overwritten with ''), and each
-- participant's read marker per session (the last seq they have seen; it only moves forward), from which their
-- unread counts are computed.
ALTER TABLE chat_messages ADD COLUMN edited_at timestamptz, ADD COLUMN deleted_at timestamptz;

CREATE TABLE chat_read_markers (
    user_id    uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id uuid        NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
    seq        bigint      NOT NULL CHECK (seq >= 0),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, session_id)
);
