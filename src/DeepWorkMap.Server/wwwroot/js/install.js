// Installable and offline: the service worker (/sw.js) keeps the app shell, so the page opens without a network
// and says it is offline. It also shows Web Push notifications (push.js turns them on).

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch(() => { /* a private window or an old browser: the page works without */ });
}
