import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { SESSION_ENDED, expectSignedIn, sessionEvents } from '../../../lib/session-events.js';
import { AccountAreaQuery, MeQuery } from '../graphql/queries.js';
import { AccessProvider, signInPath } from '../lib/access.js';

/**
 * Shows its children only to someone signed in, with their access in context. Nobody signed in (me.role is null),
 * or a request later answered UNAUTHENTICATED (the session expired or was revoked): off to the sign-in page, which
 * comes back here after.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  // While `me` is fetched again (after a resetStore, say), keep showing the page: unmounting it would lose its state.
  const { data: current, previousData, error, refetch } = useQuery(MeQuery);
  const data = current ?? previousData;
  const areaCode = data?.me.account?.areaCode ?? null;
  // The coordinator's area by name, for the pages and for refusals ("… within their own area (Kecamatan Cimahi Utara)").
  const area = useQuery(AccountAreaQuery, { variables: { code: areaCode ?? '' }, skip: !areaCode });
  const here = `${location.pathname}${location.search}`;
  const latest = useRef(here);
  useEffect(() => {
    latest.current = here;
  }, [here]);

  // Opened after signing out (by the browser's history, say): an ended session is news again.
  useEffect(() => expectSignedIn(), []);

  useEffect(() => {
    const sessionEnded = () => {
      void navigate(signInPath(latest.current, 'expired'), { replace: true });
      // After the pages that were asking have gone: nothing of the old session stays in the cache.
      setTimeout(() => void client.clearStore(), 0);
    };
    sessionEvents.addEventListener(SESSION_ENDED, sessionEnded);
    return () => sessionEvents.removeEventListener(SESSION_ENDED, sessionEnded);
  }, [client, navigate]);

  if (!data) return error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <LoadingState />;
  const account = data.me.account;
  if (data.me.role === null || !account) return <Navigate to={signInPath(here)} replace />;
  return (
    <AccessProvider account={account} areaName={area.data?.area.name ?? null}>
      {children}
    </AccessProvider>
  );
}
