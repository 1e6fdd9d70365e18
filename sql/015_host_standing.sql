-- host_suspended: a moderator suspended the session's host; until they are reinstated the session is on no map (a map
-- tile rebuilding from this table leaves it out), though it can still be read by id. Written by the session's grain
-- with the rest of its row. Sessions of hosts suspended before this migration leave the map when a moderator suspends
-- them again (suspending twice is harmless).
ALTER TABLE study_sessions ADD COLUMN host_suspended boolean NOT NULL DEFAULT false;
