import { Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useCallback } from 'react';
import { useLocale, useT, type Locale, type Translate } from '../../i18n';
import { useReferenceCodes, useRefName } from '../../app/reference';
import {
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  LIMIT_KINDS,
  PAYMENT_KINDS,
  type ClaimAction,
  type ClaimStatus,
  type TraceEntry,
  type TraceOutcome,
} from './types';

function member<T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return value != null && (list as readonly string[]).includes(value);
}

const STATUS_COLORS: Record<ClaimStatus, string> = {
  submitted: 'processing',
  returned: 'warning',
  announcing: 'purple',
  approved: 'cyan',
  paid: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function claimStatusLabel(t: Translate, status: string, fallback?: string | null): string {
  return member(CLAIM_STATUSES, status) ? t(`claim.status.${status}`) : (fallback ?? status);
}

/** 待县区初审 / 公示中 / 待拨付 / 已拨付 / 已退回 / 不予补贴 / 已撤回. */
export function ClaimStatusTag({ status, name }: { status: string; name?: string | null }) {
  const t = useT();
  const color = member(CLAIM_STATUSES, status) ? STATUS_COLORS[status] : 'default';
  return (
    <Tag color={color} data-status={status} className="jn-tag-tight">
      {claimStatusLabel(t, status, name)}
    </Tag>
  );
}

export function claimActionLabel(t: Translate, action: string): string {
  return member(CLAIM_ACTIONS, action) ? t(`claim.action.${action as ClaimAction}`) : action;
}

/** The decision history: `submit` is not an action of the table but the first step. */
export function claimDecisionLabel(t: Translate, action: string): string {
  return action === 'submit' ? t('claim.decision.submit') : claimActionLabel(t, action);
}

export const CLAIM_DECISION_COLORS: Record<string, string> = {
  submit: 'blue',
  resubmit: 'blue',
  county_approve: 'purple',
  city_approve: 'green',
  pay: 'green',
  county_return: 'orange',
  city_return: 'orange',
  reject: 'red',
  withdraw: 'gray',
};

/** 培训补贴（§14）, 生活费补贴（§3）… — what a line pays. */
export function paymentKindLabel(t: Translate, kind: string): string {
  return member(PAYMENT_KINDS, kind) ? t(`claim.kind.${kind}`) : kind;
}

/** The rule of a trace entry: a payment kind or a limit. */
export function ruleKindLabel(t: Translate, kind: string): string {
  if (member(PAYMENT_KINDS, kind)) return t(`claim.kind.${kind}`);
  if (member(LIMIT_KINDS, kind)) return t(`claim.limit.${kind}`);
  return kind;
}

/** `运政办发〔2020〕14号 三(三)15` → `§15`; `… 三(一)3、三(三)14` → `§3、§14` (the full citation goes in a tooltip). */
export function shortClause(clause: string): string {
  const items = [...clause.matchAll(/三\([一二三]\)(\d+)/g)].map((m) => `§${m[1]}`);
  return items.length > 0 ? items.join('、') : clause;
}

export function ClauseTag({ clause }: { clause: string }) {
  return (
    <Tooltip title={clause}>
      <Tag className="jn-tag-tight jn-clause-tag">{shortClause(clause)}</Tag>
    </Tooltip>
  );
}

/** A fund's name in the current language, from the reference codes (the server's Chinese name as a fallback). */
export function useFundName(): (code: string, fallback?: string | null) => string {
  const codes = useReferenceCodes();
  const refName = useRefName();
  return useCallback(
    (code, fallback) => {
      const entry = codes.data?.fundSources.find((f) => f.code === code);
      return entry ? refName(entry) : (fallback ?? code);
    },
    [codes.data, refName],
  );
}

export const FUND_COLORS: Record<string, string> = {
  employment_subsidy: '#1d5fd6',
  skills_account: '#0f9f6e',
  local_talent: '#d9822b',
  industry_development: '#7a4cc2',
};

/** A small coloured dot and the fund's name. */
export function FundName({ code, fallback }: { code: string; fallback?: string | null }) {
  const fundName = useFundName();
  return (
    <span className="jn-fund">
      <span className="jn-fund-dot" style={{ background: FUND_COLORS[code] ?? '#98a2b3' }} />
      {fundName(code, fallback)}
    </span>
  );
}

export function traceMessage(entry: Pick<TraceEntry, 'message' | 'messageEn'>, locale: Locale): string {
  return locale === 'en' ? entry.messageEn || entry.message : entry.message || entry.messageEn;
}

export function useTraceMessage(): (entry: Pick<TraceEntry, 'message' | 'messageEn'>) => string {
  const { locale } = useLocale();
  return useCallback((entry) => traceMessage(entry, locale), [locale]);
}

/** ✓ applied, ✗ refused, – not applicable. */
export function OutcomeIcon({ outcome }: { outcome: TraceOutcome }) {
  const t = useT();
  if (outcome === 'applied')
    return <CheckCircleFilled className="jn-outcome jn-outcome-applied" aria-label={t('claim.trace.applied')} />;
  if (outcome === 'refused') return <CloseCircleFilled className="jn-outcome jn-outcome-refused" aria-label={t('claim.trace.refused')} />;
  return <MinusCircleOutlined className="jn-outcome jn-outcome-na" aria-label={t('claim.trace.notApplicable')} />;
}

/** The payee of a line: the trainee (§3 living allowance) or the organisation that ran the class. */
export function payeeKindLabel(t: Translate, kind: string): string {
  if (kind === 'worker' || kind === 'trainee') return t('claim.payee.trainee');
  if (kind === 'enterprise') return t('claim.payee.enterprise');
  return t('claim.payee.organisation');
}
