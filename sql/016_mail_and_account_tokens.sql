-- mail_outbox: every mail the app sends, written before it is sent so nothing is lost while the SMTP server is down.
-- A sender claims due rows (FOR UPDATE SKIP LOCKED) and leases them (locked_until) so several front doors never send
-- one twice; a sent row keeps no body (it may carry a single-use link) and goes after a week.
CREATE TABLE mail_outbox (
    id              bigserial    PRIMARY KEY,
    recipient       text         NOT NULL,
    subject         text         NOT NULL,
    text_body       text         NOT NULL,
    html_body       text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    next_attempt_at timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- account_tokens: single-use links mailed to an account (address verification, password reset), kept only as the
-- SHA-256 of the token, for the address they were mailed to.
CREATE TABLE account_tokens (
    token_hash  bytea        PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose     text         NOT NULL,
    email       text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    used_at     timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at);

-- email_verified_at: when the owner proved the address is theirs (null: not yet). Accounts made before this migration
-- start unverified too: nothing ever checked their address.
-- tokens_valid_from: bearer tokens issued before it are refused (a password reset signs out every device).
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
ALTER TABLE users ADD COLUMN tokens_valid_from timestamptz;
