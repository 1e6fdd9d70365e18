-- Nothing reads active_sessions_view (the catalog is queried directly) and no query filters chat by
-- author, so idx_chat_user only cost every chat INSERT an index write. Databases made before the schema
-- was versioned have both.
DROP VIEW IF EXISTS active_sessions_view;
DROP INDEX IF EXISTS idx_chat_user;
