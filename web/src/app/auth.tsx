import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, post, setUnauthorizedHandler } from './api';
import type { Me } from './types';

export const ME_KEY = ['auth', 'me'] as const;

type AuthValue = {
  /** undefined while the first who-am-I probe runs; null when signed out. */
  me: Me | null | undefined;
  /** The probe itself failed (server down) — not the same as signed out. */
  probeError: unknown;
  retryProbe: () => void;
  can: (action: string) => boolean;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Re-read /api/auth/me (after changing the password). */
  refresh: () => Promise<void>;
  /** Local update of the signed-in user, e.g. the mustChangePassword flag. */
  patchMe: (patch: Partial<Me>) => void;
};

const AuthContext = createContext<AuthValue | null>(null);

/**
 * Drop every cached response except the who-am-I query itself (whose observer must stay attached:
 * `queryClient.clear()` would orphan it and the guard would keep seeing the old value).
 */
function forgetUserData(queryClient: QueryClient): void {
  queryClient.cancelQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] }).catch(() => undefined);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    const body = await api<{ user: Me }>('/api/auth/me', { signal, ignoreUnauthorized: true });
    return body.user;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: Infinity,
    retry: 1,
  });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // Session expired or revoked: forget everything cached for this user; the route guard sends them to sign-in.
      forgetUserData(queryClient);
      queryClient.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  const me = meQuery.data;

  const can = useCallback((action: string) => Boolean(me?.actions.includes(action)), [me]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const body = await api<{ user: Me }>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
        ignoreUnauthorized: true,
      });
      forgetUserData(queryClient);
      queryClient.setQueryData(ME_KEY, body.user);
      return body.user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await post<void>('/api/auth/logout');
    } catch {
      // The session is gone either way from the client's point of view.
    }
    forgetUserData(queryClient);
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const patchMe = useCallback(
    (patch: Partial<Me>) => {
      queryClient.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, ...patch } : old));
    },
    [queryClient],
  );

  const retryProbe = useCallback(() => {
    void meQuery.refetch();
  }, [meQuery]);

  const value = useMemo<AuthValue>(
    () => ({
      me: meQuery.isPending ? undefined : (me ?? null),
      probeError: meQuery.isError && me === undefined ? meQuery.error : null,
      retryProbe,
      can,
      signIn,
      signOut,
      refresh,
      patchMe,
    }),
    [meQuery.isPending, meQuery.isError, meQuery.error, me, retryProbe, can, signIn, signOut, refresh, patchMe],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
