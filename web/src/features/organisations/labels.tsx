import { Tag } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useT, type Translate } from '../../i18n';
import type { OrgStatus } from '../../app/types';

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
