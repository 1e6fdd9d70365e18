-- Sessions people can rely on:
--  * a session the host called off is 'cancelled', distinct from 'finished'; neither is on the map;
--  * series_id ties the occurrences of a weekly series together;
--  * attendance holds, per finished session and participant, whether they checked in (attended) or not
--    (a no-show); written once by the session grain when the session finishes.

ALTER TABLE study_sessions DROP CONSTRAINT IF EXISTS study_sessions_status_check;
ALTER TABLE study_sessions ADD CONSTRAINT study_sessions_status_check
    CHECK (status IN ('starting-soon', 'live', 'finished', 'cancelled'));

ALTER TABLE study_sessions ADD COLUMN series_id uuid;
CREATE INDEX idx_sessions_series ON study_sessions (series_id) WHERE series_id IS NOT NULL;

CREATE TABLE attendance (
    session_id  uuid        NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    attended    boolean     NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX idx_attendance_user ON attendance (user_id);
