import { createContext, useContext, useEffect } from 'react';

/** Lets a page highlight a menu entry its path does not start with (e.g. /organisations/:id → /institutions). */
export const ActiveMenuContext = createContext<(key: string | undefined) => void>(() => {});

export function useActiveMenuKey(key: string | undefined): void {
  const set = useContext(ActiveMenuContext);
  useEffect(() => {
    set(key);
    return () => set(undefined);
  }, [key, set]);
}
