import { createContext, useContext, type ReactNode } from 'react';
import type { AccessRole, MeQuery } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import type { ErrorWords } from '../../../lib/errors.js';

export type SignedInAccount = NonNullable<MeQuery['me']['account']>;

/** What the signed-in person may see and do in the console, from their role (the server checks it all again). */
export interface Access {
  account: SignedInAccount;
  role: AccessRole;
  /** A coordinator's area (Kemendagri code); changes outside it are refused by the server. */
  areaCode: string | null;
  /** That area's name, e.g. "Kecamatan Cimahi Utara" (its code until the name is known). */
  areaName: string | null;
  isAdmin: boolean;
  /** Create, edit, archive, assign: admins, and coordinators within their area. */
  canEdit: boolean;
  /** Phone, email, NIK, home area: not for viewers (UU 27/2022). */
  seesPersonalData: boolean;
}

export function accessFor(account: SignedInAccount, areaName: string | null = null): Access {
  const role = account.role;
  return {
    account,
    role,
    areaCode: account.areaCode,
    areaName: account.areaCode ? (areaName ?? account.areaCode) : null,
    isAdmin: role === 'ADMIN',
    canEdit: role === 'ADMIN' || role === 'COORDINATOR',
    seesPersonalData: role === 'ADMIN' || role === 'COORDINATOR',
  };
}

const AccessContext = createContext<Access | null>(null);

export function AccessProvider({
  account,
  areaName,
  children,
}: {
  account: SignedInAccount;
  areaName?: string | null;
  children: ReactNode;
}) {
  return <AccessContext.Provider value={accessFor(account, areaName)}>{children}</AccessContext.Provider>;
}

/** The signed-in person's access; the pages inside the console are only shown to someone signed in. */
export function useAccess(): Access {
  const access = useContext(AccessContext);
  if (!access) throw new Error('useAccess needs an AccessProvider above it (RequireSignIn)');
  return access;
}

/**
 * How to read the server's errors here: the chosen language, and the coordinator's area by name. Also outside the
 * signed-in pages (the sign-in page), where there is no area.
 */
export function useErrorWords(): ErrorWords {
  const { locale } = useI18n();
  const access = useContext(AccessContext);
  return { locale, areaName: access?.role === 'COORDINATOR' ? access.areaName : null };
}

/** Where the sign-in page sends someone back to: only paths of this site (never //other.site). */
export function safeReturnPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/masuk')) return '/';
  return next;
}

/** The sign-in address that comes back to `path` after. */
export function signInPath(path: string, reason?: 'expired' | 'signedOut'): string {
  const params = new URLSearchParams();
  if (path && path !== '/') params.set('next', path);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `/masuk?${query}` : '/masuk';
}
