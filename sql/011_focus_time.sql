-- The focus room's stats.
--
-- focus_time: each stretch a participant counted as focusing in a session (present and active while it was live and,
-- with a timer, in a running focus phase). A session writes an open stretch again as it grows, keyed by its start;
-- time_zone is the user's IANA zone when it began, so days already counted stay put when the user moves.
CREATE TABLE focus_time (
    user_id    uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id uuid        NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL CHECK (ended_at > started_at),
    time_zone  varchar(64) NOT NULL,
    PRIMARY KEY (user_id, session_id, started_at)
);
CREATE INDEX idx_focus_time_user_start ON focus_time (user_id, started_at);

-- Whether others may see a user's focus stats (their public summary and their place on followers' leaderboards).
ALTER TABLE user_preferences ADD COLUMN stats_hidden boolean NOT NULL DEFAULT false;
