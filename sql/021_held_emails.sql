-- The way back from an address change (issue: accounts nobody can recover): an address an account leaves is held for
-- it for a while, so that the link mailed to it (account_tokens purpose 'undo_email_change') can put it back, and
-- nobody else may take it meanwhile. Kept as retired_names keeps an email: the SHA-256 of its lowercase form, in hex.
CREATE TABLE held_emails (
    key        varchar(64) PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    held_until timestamptz NOT NULL
);
