import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../i18n';
import { get } from './api';
import type { Occupation, RefCode, ReferenceCodes } from './types';

/** Training types, person categories, fund sources, certificate types and skill levels (rarely change). */
export function useReferenceCodes() {
  return useQuery({
    queryKey: ['reference', 'codes'],
    queryFn: ({ signal }) => get<ReferenceCodes>('/api/reference/codes', signal),
    staleTime: 60 * 60 * 1000,
  });
}

/** The occupation list (职业分类大典 codes); shares the cache key of the occupation catalogue page. */
export function useOccupations() {
  return useQuery({
    queryKey: ['reference', 'occupations'],
    queryFn: ({ signal }) => get<{ items: Occupation[] }>('/api/reference/occupations', signal),
    select: (body) => body.items,
    staleTime: 10 * 60 * 1000,
  });
}

/** A reference entry's name in the current language (English where the server has it). */
export function useRefName(): (entry: Pick<RefCode, 'name' | 'nameEn'> | null | undefined) => string {
  const { locale } = useLocale();
  return useCallback(
    (entry) => (entry ? (locale === 'en' ? entry.nameEn || entry.name : entry.name) : ''),
    [locale],
  );
}
