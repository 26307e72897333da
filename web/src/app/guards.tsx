import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Flex, Spin } from 'antd';
import { useT } from '../i18n';
import { useAuth } from './auth';
import { landingPath } from './nav';
import { ForbiddenResult, NotFoundResult } from './results';
import type { Me } from './types';

export const PASSWORD_PATH = '/account/password';

export function FullPageSpin() {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description={t('app.loading')} />
    </Flex>
  );
}

/** Signed-in users only; a user who must change the password is kept on the password page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (me.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return <>{children}</>;
}

/**
 * Deny by default: renders the page only when the signed-in user holds the action (and passes `check`).
 * Otherwise it answers as the API does (ADR 0005): 403 for a capability the role lacks (registry lists),
 * 404 for a city-level resource the caller may not act on (`denied="notFound"`: audit trail, occupation
 * catalogue editing, user accounts), so such pages do not even admit they exist.
 */
export function RequireAction({
  action,
  check,
  denied = 'forbidden',
  children,
}: {
  action?: string;
  check?: (me: Me) => boolean;
  denied?: 'forbidden' | 'notFound';
  children: ReactNode;
}) {
  const { me } = useAuth();
  const allowed = !!me && (!action || me.actions.includes(action)) && (!check || check(me));
  if (!allowed) return denied === 'notFound' ? <NotFoundResult /> : <ForbiddenResult />;
  return <>{children}</>;
}

/** `/`: the home page for users with home.view; others go to their first menu entry. */
export function HomeGate({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (!me) return null;
  if (me.actions.includes('home.view')) return <>{children}</>;
  const target = landingPath(me);
  if (target === '/') return <ForbiddenResult />;
  return <Navigate to={target} replace />;
}
