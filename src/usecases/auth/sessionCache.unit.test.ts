import { describe, expect, it } from 'vitest';
import type { UserWithNames } from '../../db/repositories/users.ts';
import { SessionCache } from './sessionCache.ts';

const user = (id: string) => ({ id }) as unknown as UserWithNames;

describe('SessionCache', () => {
  it('serves an entry within its time to live and the session expiry, then forgets it', () => {
    const c = new SessionCache(30_000);
    c.put('s1', user('u1'), 100_000, 0);
    expect(c.get('s1', 29_999)?.id).toBe('u1');
    expect(c.get('s1', 30_001)).toBeNull();
    c.put('s2', user('u1'), 10_000, 0);
    expect(c.get('s2', 10_000)).toBeNull();
  });

  it('forgets a session, or all of a user’s sessions except one, at once', () => {
    const c = new SessionCache();
    c.put('a', user('u1'), 1e9, 0);
    c.put('b', user('u1'), 1e9, 0);
    c.put('c', user('u2'), 1e9, 0);
    c.forgetUser('u1', 'b');
    expect([c.get('a', 1), c.get('b', 1)?.id, c.get('c', 1)?.id]).toEqual([null, 'u1', 'u2']);
    c.forgetSession('c');
    expect(c.get('c', 1)).toBeNull();
  });
});

describe('the session cache when full', () => {
  it('drops only the oldest entry, so a rush of new sessions does not empty it', () => {
    const c = new SessionCache(30_000, 3);
    const user = { id: 'u' } as never;
    for (const id of ['a', 'b', 'c']) c.put(id, user, 10_000_000, 0);
    c.put('a', user, 10_000_000, 1); // used again: now the newest
    c.put('d', user, 10_000_000, 2);
    expect(c.get('b', 3)).toBeNull();
    expect([c.get('a', 3), c.get('c', 3), c.get('d', 3)].every((x) => x !== null)).toBe(true);
  });
});
