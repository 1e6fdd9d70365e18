-- Web Push: the browsers that asked to be told of notifications while the page is closed.
-- push_subscriptions: one row per browser subscription (its push service's endpoint and the keys that encrypt for it),
-- per user; an endpoint belongs to one user (the last to register it). Removed by the user, when the push service
-- answers 404 or 410 (the browser dropped it), and when the account closes.
CREATE TABLE push_subscriptions (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    endpoint    text         NOT NULL UNIQUE,
    p256dh      text         NOT NULL,
    auth        text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- pushed_at: when the pusher turned the notification into deliveries (below), in the same transaction, so each
-- notification is pushed at most once whichever front door takes it. Notifications stored before this migration
-- count as pushed: nobody had a subscription.
ALTER TABLE notifications ADD COLUMN pushed_at timestamptz DEFAULT now();
ALTER TABLE notifications ALTER COLUMN pushed_at DROP DEFAULT;
CREATE INDEX notifications_unpushed ON notifications (created_at) WHERE pushed_at IS NULL;

-- push_deliveries: one push of one notification to one subscription, until the push service took it (row deleted),
-- refused it for good, or it was tried too often. leased_until: a front door is sending it; another skips it until then.
CREATE TABLE push_deliveries (
    id               bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  bigint       NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
    payload          text         NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    leased_until     timestamptz
);
CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_at);
