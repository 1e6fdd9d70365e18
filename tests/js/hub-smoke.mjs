// A smoke test of the hub with @microsoft/signalr, the library the web page uses, under node.
// Usage: node hub-smoke.mjs BASE_URL HOST_TOKEN GUEST_TOKEN OUTSIDER_TOKEN SESSION_ID
// Prints "ok" and exits 0 when every check holds; otherwise prints what failed and exits 1.
import * as signalR from '@microsoft/signalr';

const [baseUrl, hostToken, guestToken, outsiderToken, sessionId] = process.argv.slice(2);

function connect(token) {
  return new signalR.HubConnectionBuilder()
    .withUrl(new URL('/hubs/deepwork', baseUrl).href, { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

const host = connect(hostToken);
const guest = connect(guestToken);
const outsider = connect(outsiderToken);
const received = [];
guest.on('messageReceived', message => received.push(message));

try {
  await Promise.all([host.start(), guest.start(), outsider.start()]);

  const subscribed = await guest.invoke('SubscribeSession', sessionId);
  check(subscribed.session.id === sessionId, 'SubscribeSession answers the session');
  check(Array.isArray(subscribed.recentMessages), 'SubscribeSession answers recentMessages');
  await host.invoke('SubscribeSession', sessionId);

  const sent = [];
  for (const text of ['first', 'second <script>alert(1)</script>', 'third']) sent.push(await host.invoke('SendMessage', sessionId, text));
  check(sent.map(m => m.seq).join() === '1,2,3', `seq 1,2,3 (got ${sent.map(m => m.seq).join()})`);

  const deadline = Date.now() + 10000;
  while (received.length < 3 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50));
  check(received.map(m => m.content).join('|') === 'first|second <script>alert(1)</script>|third', `messages arrive in order (got ${JSON.stringify(received.map(m => m.content))})`);
  check(received.every(m => typeof m.createdAt === 'string' && m.createdAt.endsWith('Z')), 'createdAt is ISO-8601 UTC');
  check(received.every(m => m.user && typeof m.user.displayName === 'string'), 'messages carry their user');

  let refused = null;
  try { await outsider.invoke('SubscribeSession', sessionId); } catch (e) { refused = e; }
  check(refused && /not_participant:/.test(refused.message), `outsiders are refused with not_participant (got ${refused && refused.message})`);

  const area = await outsider.invoke('WatchArea', subscribed.session.latitude, subscribed.session.longitude, 5);
  check(area.items.some(s => s.id === sessionId && typeof s.distanceKm === 'number'), 'WatchArea answers nearby sessions with distanceKm');

  console.log('ok');
  process.exitCode = 0;
} catch (e) {
  console.log(e.message);
  process.exitCode = 1;
} finally {
  await Promise.allSettled([host.stop(), guest.stop(), outsider.stop()]);
}
