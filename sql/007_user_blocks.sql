-- Who blocked whom. A blocked user cannot join sessions the blocker hosts, and in a session they share
-- neither sees the other's messages.
CREATE TABLE user_blocks (
    blocker_id uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    blocked_id uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX idx_user_blocks_blocked ON user_blocks (blocked_id);
