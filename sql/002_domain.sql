-- DeepWorkMap domain schema. What the tables are for, and why they look as they do:
--  * email and username are unique case-insensitively (unique indexes on lower(...)).
--  * study_sessions carries tile_key and coarse_tile_key (the fine and coarse map tiles that index it)
--    and end_time, so a geo cell can rebuild itself from the catalog; latitude/longitude are double
--    precision, the grain's own type. status is the last status whose consequences the session grain
--    carried out (index, pushes); a row whose status the clock has passed is due for catch-up.
--  * participants live in the session grain's state (the single writer, persisted by Orleans);
--    the catalog row carries their count; there is no participants table.
--  * chat_messages has seq, 1, 2, 3 ... per session, unique per session.
-- Written to be harmless on a database that already has these objects: databases made before the
-- schema was versioned run it once more when they first migrate.

CREATE TABLE IF NOT EXISTS users (
    id            uuid         PRIMARY KEY,
    email         varchar(255) NOT NULL,
    username      varchar(50)  NOT NULL,
    display_name  varchar(100) NOT NULL,
    password_hash varchar(255) NOT NULL,
    avatar_url    varchar(500),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_ci_key ON users (lower(email));
CREATE UNIQUE INDEX IF NOT EXISTS users_username_ci_key ON users (lower(username));

CREATE TABLE IF NOT EXISTS study_sessions (
    id                   uuid         PRIMARY KEY,
    host_id              uuid         NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title                varchar(200) NOT NULL,
    subject              varchar(100) NOT NULL,
    session_type         varchar(20)  NOT NULL CHECK (session_type IN ('silent', 'discussion', 'exam-prep')),
    status               varchar(20)  NOT NULL DEFAULT 'starting-soon' CHECK (status IN ('starting-soon', 'live', 'finished')),
    latitude             double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude            double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    tile_key             varchar(32)  NOT NULL,
    coarse_tile_key      varchar(32)  NOT NULL,
    start_time           timestamptz  NOT NULL,
    duration_minutes     integer      NOT NULL CHECK (duration_minutes > 0),
    end_time             timestamptz  NOT NULL,
    max_participants     integer      NOT NULL DEFAULT 10 CHECK (max_participants > 0),
    current_participants integer      NOT NULL DEFAULT 0 CHECK (current_participants >= 0),
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    CHECK (current_participants <= max_participants)
);
CREATE INDEX IF NOT EXISTS idx_sessions_host ON study_sessions (host_id);
CREATE INDEX IF NOT EXISTS idx_sessions_time ON study_sessions (start_time);
CREATE INDEX IF NOT EXISTS idx_sessions_active_tile ON study_sessions (tile_key) WHERE status <> 'finished';
CREATE INDEX IF NOT EXISTS idx_sessions_active_coarse_tile ON study_sessions (coarse_tile_key) WHERE status <> 'finished';
CREATE INDEX IF NOT EXISTS idx_sessions_due_start ON study_sessions (start_time) WHERE status = 'starting-soon';
CREATE INDEX IF NOT EXISTS idx_sessions_due_end ON study_sessions (end_time) WHERE status <> 'finished';

CREATE TABLE IF NOT EXISTS chat_messages (
    id         uuid        PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
    seq        bigint      NOT NULL CHECK (seq > 0),
    user_id    uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    content    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, seq)
);
