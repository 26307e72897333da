import { useCallback, useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { get } from '../../app/api';
import type { DisclosedPeriod, DisclosurePeriods, DisclosureYear, ReportKind, ReportRef } from './types';

/** ‰ as a percentage with one decimal, by integer arithmetic: 306 → `30.6%`. */
export function perMilleText(perMille: number | null | undefined): string {
  if (perMille === null || perMille === undefined) return '—';
  return `${Math.floor(perMille / 10)}.${perMille % 10}%`;
}

export function useDisclosurePeriods() {
  return useQuery({
    queryKey: ['public', 'disclosure', 'periods'],
    queryFn: ({ signal }) => get<DisclosurePeriods>('/api/public/disclosure/periods', signal),
  });
}

export function useDisclosureYear(year: number | undefined) {
  return useQuery({
    queryKey: ['public', 'disclosure', 'year', year],
    queryFn: ({ signal }) => get<DisclosureYear>(`/api/public/disclosure/years/${year ?? ''}`, signal),
    enabled: year !== undefined,
  });
}

/** Names in the current language: a report's period and kind, a unit. */
export function useNames() {
  const t = useT();
  const { locale } = useLocale();
  const kind = useCallback((k: ReportKind) => t(`publicSite.disclosure.kind.${k}` as MessageKey), [t]);
  const period = useCallback((p: Pick<DisclosedPeriod, 'label' | 'labelEn'>) => (locale === 'en' ? p.labelEn : p.label), [locale]);
  const unit = useCallback((u: { unitName: string; unitNameEn?: string }) => (locale === 'en' && u.unitNameEn ? u.unitNameEn : u.unitName), [locale]);
  /** `2020年6月月报` / `2020-06 monthly report` for a report reference without labels. */
  const report = useCallback(
    (r: Pick<ReportRef, 'kind' | 'periodKey'>) => {
      const key = r.periodKey;
      if (locale === 'en') return `${key} ${kind(r.kind)}`;
      const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(key);
      if (!m) return `${key}${kind(r.kind)}`;
      const label = m[2] ? `${m[1]}年${Number(m[2])}月` : m[3] ? `${m[1]}年第${'一二三四'[Number(m[3]) - 1]}季度` : `${m[1]}年`;
      return `${label}${kind(r.kind)}`;
    },
    [locale, kind],
  );
  return { kind, period, unit, report, locale };
}

/** The document title of a public page. */
export function usePageTitle(title: string) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [t, title]);
}

export function PublicHero({ title, intro, extra }: { title: string; intro: ReactNode; extra?: ReactNode }) {
  return (
    <section className="jn-public-hero">
      <Typography.Title level={2} className="jn-public-heading" data-testid="page-title">
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="jn-public-intro">
        {intro}
      </Typography.Paragraph>
      {extra}
    </section>
  );
}
