-- The deployment's secret behind every session's public position (PublicPosition, PublicPositionKey): one row,
-- made by the first silo that starts on this schema (32 random bytes) and read by every silo after it. Never
-- change or delete it, and keep it in backups: a new key gives every cell a second, independent public position,
-- and averaging the old and the new ones narrows the venue down (docs/operations.md).
CREATE TABLE public_position_key (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    secret     bytea NOT NULL CHECK (octet_length(secret) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
