/**
 * Says "the server no longer knows who we are" (a query answered UNAUTHENTICATED: the session expired, was revoked
 * or its account disabled). The Apollo link raises it; the router listens and sends the person to sign in.
 */
export const sessionEvents = new EventTarget();
export const SESSION_ENDED = 'session-ended';

export function announceSessionEnded(): void {
  sessionEvents.dispatchEvent(new Event(SESSION_ENDED));
}
