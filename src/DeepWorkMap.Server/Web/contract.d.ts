// The public contract's shapes (docs/api.md) as the page reads them, for `tsc --checkJs` over wwwroot/js.
// Not served: it only types the page's modules. Keep it in step with docs/api.md.

type Iso = string;
type Id = string;

interface User { id: Id; username: string; displayName: string; avatarUrl: string | null }
interface Me extends User { email: string; createdAt: Iso; emailVerified: boolean; calendarFeedUrl?: string }
interface AuthResult { token: string; expiresAt: Iso; user: User; refreshToken: string; refreshExpiresAt: Iso; deviceId: Id }
interface Device { id: Id; createdAt: Iso; lastUsedAt: Iso; network: string; userAgent: string | null; keepSignedIn: boolean; current: boolean }
type SessionStatus = 'starting-soon' | 'live' | 'finished' | 'cancelled';
type Role = 'host' | 'participant' | 'waitlisted' | 'none';
interface Timer { focusMinutes: number; breakMinutes: number; cycles: number }
interface Phase { kind: 'focus' | 'break' | 'done'; index: number; startsAt: Iso; endsAt: Iso | null; pausedAt: Iso | null }
interface Venue { latitude: number; longitude: number; note: string | null }
interface Session {
  id: Id; title: string; subject: string; description: string | null; sessionType: 'silent' | 'discussion' | 'exam-prep';
  status: SessionStatus; visibility: 'public' | 'private'; latitude: number; longitude: number; startTime: Iso; endTime: Iso;
  durationMinutes: number; maxParticipants: number; currentParticipants: number; host: User | null; createdAt: Iso; updatedAt: Iso;
  version: number; waitlistCount: number; waitlistLimit: number; minAttendanceRate: number | null; seriesId: Id | null;
  cancelReason: string | null; timer: Timer | null; phase: Phase | null;
  myRole?: Role; waitlistPosition?: number; checkedInAt?: Iso; venue?: Venue | null; inviteCode?: string; inviteLink?: string;
  distanceKm?: number;
}
type Presence = 'online' | 'focusing' | 'break' | 'away' | 'offline';
interface Goal { text: string; done: boolean; updatedAt: Iso }
interface Participant { user: User; role: 'host' | 'participant'; joinedAt: Iso; checkedInAt?: Iso | null; goal: Goal | null; presence: Presence | null }
interface Message { id: Id; sessionId: Id; seq: number; user: User; content: string; createdAt: Iso; hidden?: boolean; editedAt?: Iso; deleted?: boolean }
interface Unread { sessionId: Id; unread: number; title: string; startTime: Iso; endTime: Iso; status: SessionStatus }
interface Cluster { latitude: number; longitude: number; count: number; bbox: [number, number, number, number] }
interface ViewPage { total: number; items: Session[]; nextCursor: string | null; clusters: Cluster[] | null }
/** docs/api.md's MapSession (`fields=map`): what the map and its list draw, the same values as the full Session. */
type MapSession = Pick<Session, 'id' | 'title' | 'subject' | 'sessionType' | 'status' | 'latitude' | 'longitude' | 'startTime' | 'endTime'
  | 'maxParticipants' | 'currentParticipants' | 'distanceKm'>;
interface MapViewPage { total: number; items: MapSession[]; nextCursor: string | null; clusters: Cluster[] | null }
interface AppNotification { id: Id; kind: string; title: string; body: string; sessionId: Id | null; createdAt: Iso; readAt: Iso | null; startTime: Iso | null }
interface HomeArea { latitude: number; longitude: number; radiusKm: number }
interface Preferences { reminderMinutes: 5 | 15 | 60 | null; mutedKinds: string[]; timeZone: string; homeArea: HomeArea | null; statsHidden: boolean;
  emailKinds: string[] }
interface FocusStats { timeZone: string; from: string; to: string; days: { date: string; focusedMinutes: number }[]; totalMinutes: number;
  currentStreak: number; bestStreak: number; streakMinutes: number; hidden: boolean }
interface Leaderboard { timeZone: string; weekStart: string; weekEnd: string; entries: { rank: number; user: User; focusedMinutes: number; me: boolean }[] }
interface Series { id: Id; daysOfWeek: string[]; weeks: number; timeZone: string; sessions: Session[]; skipped?: { sessionId: Id; code: string }[] }
interface SessionFeed { session: Session; recentMessages: Message[]; participants: Participant[]; serverTime: Iso }
interface AppConfig { defaultLatitude: number; defaultLongitude: number; defaultZoom: number; tileUrl: string | null; tileAttribution: string | null;
  awayAfterSeconds: number; emailVerificationRequired?: boolean; pushPublicKey?: string | null }

// The vendored libraries are plain scripts that set globals; the page treats them as untyped.
declare const L: any;
declare const topojson: any;
declare const signalR: any;
declare const Chart: any;
