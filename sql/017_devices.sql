-- devices: one row per sign-in (a browser or app that logged in), listed by GET /api/me/devices. Only the client's
-- network is kept (its /24 or /64, as the rate limits count it), never its full address.
-- revoked_at: signed out (one device, all, a password change or reset); its refresh tokens and access tokens are
-- refused from then on. A device neither used nor revoked within its refresh lifetime is no longer listed, and rows
-- dead for a week are deleted when the account signs in again.
CREATE TABLE devices (
    id                uuid         PRIMARY KEY,
    user_id           uuid         NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at        timestamptz  NOT NULL,
    last_used_at      timestamptz  NOT NULL,
    network           text         NOT NULL,
    user_agent        text,
    keep_signed_in    boolean      NOT NULL,
    expires_at        timestamptz  NOT NULL,
    revoked_at        timestamptz
);
CREATE INDEX devices_user ON devices (user_id, last_used_at);

-- device_refresh_tokens: every refresh token a device was given, kept only as the SHA-256 of the token. A token is
-- used once (rotated_at set as its successor is issued); one presented again reveals a copy, and the device is
-- revoked with its whole chain (RFC 9700, 4.14.2). Rotated rows are deleted once they would have expired anyway.
CREATE TABLE device_refresh_tokens (
    token_hash  bytea        PRIMARY KEY,
    device_id   uuid         NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    rotated_at  timestamptz
);
CREATE INDEX device_refresh_tokens_device ON device_refresh_tokens (device_id);
