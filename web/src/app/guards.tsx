import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Flex, Spin } from 'antd';
import { useT } from '../i18n';
import { useAuth } from './auth';
import { landingPath } from './nav';
import { ForbiddenResult } from './results';
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

/** Renders the 403 result unless the signed-in user passes the check (deny by default). */
export function RequireAction({
  action,
  check,
  children,
}: {
  action?: string;
  check?: (me: Me) => boolean;
  children: ReactNode;
}) {
  const { me } = useAuth();
  const allowed = !!me && (!action || me.actions.includes(action)) && (!check || check(me));
  if (!allowed) return <ForbiddenResult />;
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
