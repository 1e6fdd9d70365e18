-- Reaching people when they are not looking.
--
-- Orleans ADO.NET reminders, written for DeepWorkMap from the provider's contract: it reads its statements
-- from OrleansQuery (keys UpsertReminderRowKey, ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key,
-- ReadRangeRows2Key, DeleteReminderRowKey, DeleteReminderRowsKey) and binds @ServiceId, @GrainId,
-- @ReminderName, @StartTime, @Period (milliseconds), @GrainHash, @BeginHash, @EndHash and @Version. Reads return
-- GrainId, ReminderName, StartTime, Period and Version; an upsert returns the row's new Version; a delete returns
-- one boolean: whether the row with that version was there. Range reads cover the hash ring: (begin, end] when
-- begin < end, else the two ends of the ring. GrainHash is the grain's uint hash, stored as its int bits.
CREATE TABLE reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(150) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX idx_reminders_hash ON reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
    version = reminders.version + 1
RETURNING version AS "Version"
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period", version AS "Version"
FROM reminders WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period", version AS "Version"
FROM reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period", version AS "Version"
FROM reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period", version AS "Version"
FROM reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 FROM deleted
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM reminders WHERE service_id = @ServiceId
$q$);

-- The notification inbox. A notification is stored once per (user, kind, subject, occurrence): the subject is
-- the session it is about, the occurrence what makes it distinct (the start reminded of, the version changed),
-- so a retry or a failover that sends it again finds it there. Read notifications older than 90 days are removed
-- by a scheduled job (idx_notifications_read).
CREATE TABLE notifications (
    id          uuid         PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        varchar(40)  NOT NULL CHECK (kind IN ('session_reminder', 'waitlist_promoted', 'session_cancelled',
                                                      'session_changed', 'removed_from_session', 'followed_host_hosting')),
    subject_id  uuid         NOT NULL,
    occurrence  varchar(64)  NOT NULL,
    title       varchar(200) NOT NULL,
    body        varchar(600) NOT NULL,
    session_id  uuid,
    created_at  timestamptz  NOT NULL,
    read_at     timestamptz,
    UNIQUE (user_id, kind, subject_id, occurrence)
);
CREATE INDEX idx_notifications_user_newest ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX idx_notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX idx_notifications_read ON notifications (read_at) WHERE read_at IS NOT NULL;

-- What each user chose; a user without a row has the defaults (15-minute reminders, nothing muted, UTC).
-- calendar_feed_token is the secret of their personal calendar feed (null until first asked for).
CREATE TABLE user_preferences (
    user_id             uuid         PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    reminder_minutes    integer      CHECK (reminder_minutes IN (5, 15, 60)),
    muted_kinds         text[]       NOT NULL DEFAULT '{}',
    time_zone           varchar(64)  NOT NULL DEFAULT 'UTC',
    home_latitude       double precision,
    home_longitude      double precision,
    home_radius_km      double precision,
    calendar_feed_token varchar(64)  UNIQUE,
    updated_at          timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE follows (
    follower_id uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    followee_id uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
CREATE INDEX idx_follows_followee ON follows (followee_id, follower_id);

CREATE TABLE saved_sessions (
    user_id    uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id uuid        NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
    saved_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, session_id)
);

-- Who takes part in which session (host included), as the session grain last recorded it: a queryable copy for
-- personal calendar feeds, written in batches like the seat counts; the grain's state stays the truth.
CREATE TABLE session_members (
    session_id uuid        NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX idx_session_members_user ON session_members (user_id);
