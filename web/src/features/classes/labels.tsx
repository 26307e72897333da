import { Tag, Tooltip } from 'antd';
import { useLocale, useT, type Locale, type Translate } from '../../i18n';
import {
  CLASS_ACTIONS,
  CLASS_STATUSES,
  MANUAL_REASONS,
  type ApiProblem,
  type AssessmentResult,
  type ClassAction,
  type ClassStatus,
} from './types';

function member<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return value != null && (list as readonly string[]).includes(value);
}

const STATUS_COLORS: Record<ClassStatus, string> = {
  draft: 'default',
  filed: 'processing',
  returned: 'warning',
  approved: 'cyan',
  in_progress: 'blue',
  completed: 'purple',
  assessed: 'success',
  closed: 'default',
  cancelled: 'error',
};

export function classStatusLabel(t: Translate, status: string, fallback?: string | null): string {
  return member(CLASS_STATUSES, status) ? t(`class.status.${status}`) : (fallback ?? status);
}

/** 草稿 / 已备案待审核 / 已退回 / 审核通过 / 培训中 / 已结业 / 已考核 / 已归档 / 已撤销. */
export function ClassStatusTag({ status, name }: { status: string; name?: string | null }) {
  const t = useT();
  const color = member(CLASS_STATUSES, status) ? STATUS_COLORS[status] : 'default';
  return (
    <Tag color={color} data-status={status} className="jn-tag-tight">
      {classStatusLabel(t, status, name)}
    </Tag>
  );
}

export function classActionLabel(t: Translate, action: string): string {
  return member(CLASS_ACTIONS, action) ? t(`class.action.${action as ClassAction}`) : action;
}

/** Decision history label: the action that produced the status change. */
export function decisionLabel(t: Translate, action: string): string {
  if (action === 'create') return t('class.decision.create');
  return classActionLabel(t, action);
}

export const DECISION_COLORS: Record<string, string> = {
  create: 'gray',
  file: 'blue',
  refile: 'blue',
  approve: 'green',
  return: 'orange',
  start: 'blue',
  complete: 'purple',
  assess: 'green',
  close: 'gray',
  cancel: 'red',
};

export const DEPARTMENTS = [
  'hrss',
  'education',
  'agriculture',
  'veterans',
  'justice',
  'culture_tourism',
  'health',
  'emergency',
  'sasac',
  'industry_it',
  'housing',
  'development_reform',
  'commerce',
  'poverty_alleviation',
  'trade_union',
  'youth_league',
  'women_federation',
  'disabled_federation',
] as const;

export function departmentLabel(t: Translate, code: string | null | undefined): string {
  if (!code) return t('common.none');
  return member(DEPARTMENTS, code) ? t(`class.dept.${code}`) : code;
}

/** Funding routes and the training types each fits (src/domain/training/classFiling.ts FUNDING_ROUTES). */
export const FUNDING_ROUTES = [
  { code: 'enterprise_employee', trainingTypes: ['pre_job', 'safety_skill', 'job_transfer'] },
  { code: 'key_group', trainingTypes: ['employment_skill', 'skill_upgrade', 'labour_preparation', 'entrepreneurship'] },
  { code: 'poverty_project', trainingTypes: ['employment_skill', 'skill_upgrade', 'labour_preparation', 'entrepreneurship'] },
  { code: 'certificate', trainingTypes: null },
  { code: 'unsubsidised', trainingTypes: null },
] as const;
export type FundingRoute = (typeof FUNDING_ROUTES)[number]['code'];
const FUNDING_CODES = FUNDING_ROUTES.map((r) => r.code);

export function fundingRouteLabel(t: Translate, code: string | null | undefined): string {
  if (!code) return t('common.none');
  return member(FUNDING_CODES, code) ? t(`class.funding.${code}`) : code;
}

export function fundingFits(route: string, trainingType: string | undefined): boolean {
  const entry = FUNDING_ROUTES.find((r) => r.code === route);
  if (!entry || !trainingType || entry.trainingTypes === null) return true;
  return (entry.trainingTypes as readonly string[]).includes(trainingType);
}

export function manualReasonLabel(t: Translate, code: string | null | undefined, fallback?: string | null): string {
  if (!code) return t('common.none');
  return member(MANUAL_REASONS, code) ? t(`attendance.reason.${code}`) : (fallback ?? code);
}

const RESULTS: readonly AssessmentResult[] = ['pass', 'fail', 'absent'];
const RESULT_COLORS: Record<AssessmentResult, string> = { pass: 'success', fail: 'error', absent: 'default' };

export function resultLabel(t: Translate, result: string | null | undefined): string {
  if (!result) return t('common.none');
  return member(RESULTS, result) ? t(`class.result.${result}`) : result;
}

export function ResultTag({ result }: { result: AssessmentResult | null | undefined }) {
  const t = useT();
  if (!result) return <span className="jn-muted">{t('class.result.none')}</span>;
  return (
    <Tag color={RESULT_COLORS[result] ?? 'default'} className="jn-tag-tight">
      {resultLabel(t, result)}
    </Tag>
  );
}

/** A problem or warning of the API in the current language. */
export function problemMessage(p: ApiProblem, locale: Locale): string {
  if (p.message && typeof p.message === 'object') return p.message[locale] ?? p.message['zh-CN'] ?? p.message.en ?? p.code;
  if (locale === 'en') return p.messageEn ?? p.message ?? p.code;
  return p.message ?? p.messageEn ?? p.code;
}

export function useProblemText(): (p: ApiProblem) => string {
  const { locale } = useLocale();
  return (p) => problemMessage(p, locale);
}

/** Per-mille as a percentage with one decimal, in integers: 875 → 87.5%. */
export function rateText(perMille: number | null | undefined): string {
  if (perMille === null || perMille === undefined || !Number.isFinite(perMille)) return '—';
  const v = Math.max(0, Math.round(perMille));
  return `${Math.floor(v / 10)}.${v % 10}%`;
}

/** Minutes as hours and minutes: 95 → 1 小时 35 分. */
export function minutesText(t: Translate, minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return t('common.none');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('class.minutes', { m });
  if (m === 0) return t('class.hours', { h });
  return t('class.hoursMinutes', { h, m });
}

/** `HH:mm` of an ISO instant in Beijing. */
export function timeOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(d);
}

/** `YYYY-MM-DD` of an ISO instant in Beijing. */
export function dayOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' }).format(d);
}

/** `2026-12-10 08:30–12:00`. */
export function sessionText(start: string, end: string): string {
  return `${dayOf(start)} ${timeOf(start)}–${timeOf(end)}`;
}

/** The reasons of a class decision, whatever their stored shape (text, list of texts, list of problems). */
export function reasonsText(reasons: unknown, locale: Locale): string[] {
  if (reasons === null || reasons === undefined) return [];
  if (typeof reasons === 'string') return reasons.trim() ? [reasons] : [];
  if (Array.isArray(reasons)) return reasons.flatMap((r) => reasonsText(r, locale));
  if (typeof reasons === 'object') {
    const o = reasons as Record<string, unknown>;
    if (typeof o.text === 'string') return [o.text];
    if (typeof o.reason === 'string') return [o.reason];
    if (Array.isArray(o.reasons)) return reasonsText(o.reasons, locale);
    if ('code' in o || 'message' in o) return [problemMessage(o as ApiProblem, locale)];
    if (typeof o.note === 'string') return [o.note];
  }
  return [];
}

/** A small "why" icon-less text with the full list in a tooltip. */
export function ReasonsInline({ reasons }: { reasons: ApiProblem[] }) {
  const text = useProblemText();
  if (reasons.length === 0) return null;
  const first = text(reasons[0]!);
  return (
    <Tooltip title={reasons.map((r) => text(r)).join('；')} styles={{ root: { maxWidth: 420 } }}>
      <span className="jn-muted jn-small jn-reason-inline">
        {first}
        {reasons.length > 1 ? ` (+${reasons.length - 1})` : ''}
      </span>
    </Tooltip>
  );
}
