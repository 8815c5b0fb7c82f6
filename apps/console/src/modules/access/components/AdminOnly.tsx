import type { ReactNode } from 'react';
import { NoAccess } from '../../../components/NoAccess.js';
import { useAccess } from '../lib/access.js';

/** A page for admins only (accounts, API keys, audit log); others see why it is closed to them. */
export function AdminOnly({ children }: { children: ReactNode }) {
  return useAccess().isAdmin ? <>{children}</> : <NoAccess />;
}
