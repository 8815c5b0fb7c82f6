/**
 * Says "the server no longer knows who we are" (a query answered UNAUTHENTICATED: the session expired, was revoked
 * or its account disabled). The Apollo link raises it; the router listens and sends the person to sign in.
 *
 * Not when the person signed out themselves: a request still in flight then comes back UNAUTHENTICATED too, and
 * sending them to "your session has ended" would replace "you have signed out". From `announceSigningOut` until a
 * page for the signed-in opens again (`expectSignedIn`), such answers are what was asked for and say nothing.
 */
export const sessionEvents = new EventTarget();
export const SESSION_ENDED = 'session-ended';

let signingOut = false;

export function announceSessionEnded(): void {
  if (signingOut) return;
  sessionEvents.dispatchEvent(new Event(SESSION_ENDED));
}

/** The person chose to sign out: UNAUTHENTICATED answers from here on are expected. */
export function announceSigningOut(): void {
  signingOut = true;
}

/** A page for the signed-in opened: an UNAUTHENTICATED answer from here on means the session ended. */
export function expectSignedIn(): void {
  signingOut = false;
}
