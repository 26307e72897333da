import type { Translate } from '../i18n';
import { ROLES, type Role } from './types';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Role label in the current language; unknown role codes are shown as they are. */
export function roleLabel(t: Translate, role: string | null | undefined): string {
  if (!role) return t('common.none');
  return isRole(role) ? t(`role.${role}`) : role;
}

/** Tag colours per role, so lists scan quickly. */
export const ROLE_COLORS: Record<Role, string> = {
  sysadmin: 'magenta',
  city_office: 'blue',
  county_office: 'geekblue',
  finance: 'gold',
  auditor: 'purple',
  institution: 'cyan',
  enterprise: 'green',
  worker: 'default',
};
