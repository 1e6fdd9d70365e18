-- Notifications by email.
-- starts_at: the start of the session a notification is about, when that matters to its reader; the page and the mail
-- show it in the reader's own time zone (the text never names a zone).
ALTER TABLE notifications ADD COLUMN starts_at timestamptz;

-- mail_checked_at: when the mailer decided whether to mail it (and if so put the mail in mail_outbox, in the same
-- transaction), so each notification is mailed at most once. Notifications stored before this migration count as
-- checked: nobody asked for mail about them.
ALTER TABLE notifications ADD COLUMN mail_checked_at timestamptz DEFAULT now();
ALTER TABLE notifications ALTER COLUMN mail_checked_at DROP DEFAULT;
CREATE INDEX notifications_mail_unchecked ON notifications (created_at) WHERE mail_checked_at IS NULL;

-- email_kinds: the kinds also mailed to the user; null: the defaults (reminders and cancellations).
ALTER TABLE user_preferences ADD COLUMN email_kinds text[];

-- list_unsubscribe: the one-click unsubscribe address (RFC 8058) of a notification mail; null for account mail.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe text;
