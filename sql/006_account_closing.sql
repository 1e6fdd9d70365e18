-- Closing an account (docs/api.md: DELETE /api/me) erases its personal data in place and records when: the row
-- stays so that sessions and messages keep a valid author, shown as "Deleted user".
ALTER TABLE users ADD COLUMN closed_at timestamptz;
