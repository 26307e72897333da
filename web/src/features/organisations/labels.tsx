import { Tag } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useT, type Translate } from '../../i18n';
import { SKILL_LEVELS, type OrgStatus, type SkillLevel } from '../../app/types';

const STATUS_COLORS: Record<OrgStatus, string> = { active: 'success', suspended: 'warning', blacklisted: 'error' };

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(`orgs.status.${status}`)}</Tag>;
}

export function HighRiskTag() {
  const t = useT();
  return (
    <Tag color="volcano" icon={<WarningOutlined />}>
      {t('orgs.highRisk')}
    </Tag>
  );
}

const INSTITUTION_KINDS = [
  'enterprise_centre',
  'vocational_college',
  'technical_school',
  'government_centre',
  'private',
  'evaluation',
] as const;
const ADMISSION_ROUTES = ['bidding', 'review_filing'] as const;

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Institution kind in the current language; an unknown code is shown as it is. */
export function institutionKindLabel(t: Translate, kind: string | null | undefined): string | null {
  if (!kind) return null;
  return member(INSTITUTION_KINDS, kind) ? t(`orgs.institutionKind.${kind}`) : kind;
}

export function admissionRouteLabel(t: Translate, route: string | null | undefined): string | null {
  if (!route) return null;
  return member(ADMISSION_ROUTES, route) ? t(`orgs.admissionRoute.${route}`) : route;
}

export const ORG_STATUSES: readonly OrgStatus[] = ['active', 'suspended', 'blacklisted'];

export const INSTITUTION_KIND_CODES = INSTITUTION_KINDS;

function isSkillLevel(code: string): code is SkillLevel {
  return (SKILL_LEVELS as readonly string[]).includes(code);
}

/** Skill level in the current language: special → 专项职业能力, 5 → 五级/初级工 … 1 → 一级/高级技师. */
export function levelLabel(t: Translate, code: string): string {
  return isSkillLevel(code) ? t(`level.${code}`) : code;
}

export function levelOptions(t: Translate) {
  return SKILL_LEVELS.map((code) => ({ value: code, label: levelLabel(t, code) }));
}

const STATUS_ACTIONS = [
  'active_suspended',
  'suspended_active',
  'active_blacklisted',
  'suspended_blacklisted',
  'blacklisted_active',
] as const;

/** The button label of a status change (暂停 / 恢复 / 列入黑名单 / 解除黑名单); the server's description otherwise. */
export function statusActionLabel(t: Translate, from: OrgStatus, to: OrgStatus, fallback: string): string {
  const key = STATUS_ACTIONS.find((k) => k === `${from}_${to}`);
  return key ? t(`orgs.statusAction.${key}`) : fallback || t(`orgs.status.${to}`);
}
