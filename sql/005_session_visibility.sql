-- Private sessions: found only with their invite code (kept in the session grain's state), never on the map.
-- Map tiles rebuild only from public rows.
ALTER TABLE study_sessions
    ADD COLUMN visibility varchar(10) NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private'));
