import type { ReactNode } from 'react';
import {
  AccountBookOutlined,
  AimOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  SolutionOutlined,
  BookOutlined,
  CalculatorOutlined,
  FileDoneOutlined,
  PayCircleOutlined,
  CarryOutOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  ScheduleOutlined,
  BankOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  ProfileOutlined,
  ReadOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n';
import type { Me } from './types';

export type NavItem = {
  /** The route path; also the Menu item key. */
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  allowed: (me: Me) => boolean;
};

export type NavGroup = { key: string; labelKey: MessageKey | null; items: NavItem[] };

const has = (action: string) => (me: Me) => me.actions.includes(action);

/** The navigation, deny by default: an entry shows only when its check passes. */
export const NAV: NavGroup[] = [
  {
    key: 'group-main',
    labelKey: null,
    items: [
      { path: '/', labelKey: 'menu.home', icon: <HomeOutlined />, allowed: has('home.view') },
      { path: '/me/classes', labelKey: 'menu.myClasses', icon: <ScheduleOutlined />, allowed: (me) => me.role === 'worker' },
      { path: '/scan', labelKey: 'menu.scan', icon: <ScanOutlined />, allowed: (me) => me.role === 'worker' && me.actions.includes('attendance.scan') },
      {
        path: '/me/certificates',
        labelKey: 'menu.myCertificates',
        icon: <SafetyCertificateOutlined />,
        allowed: (me) => me.role === 'worker',
      },
      { path: '/me', labelKey: 'menu.me', icon: <IdcardOutlined />, allowed: (me) => me.role === 'worker' },
    ],
  },
  {
    key: 'group-training',
    labelKey: 'menu.group.training',
    items: [
      { path: '/classes', labelKey: 'menu.classes', icon: <ReconciliationOutlined />, allowed: has('class.read') },
      {
        path: '/attendance/confirmations',
        labelKey: 'menu.confirmations',
        icon: <CarryOutOutlined />,
        allowed: has('attendance.confirm'),
      },
      {
        path: '/certificates',
        labelKey: 'menu.certificates',
        icon: <SafetyCertificateOutlined />,
        // A worker's certificates are 我的证书 (/me/certificates).
        allowed: (me) => me.actions.includes('certificate.read') && me.role !== 'worker',
      },
    ],
  },
  {
    key: 'group-subsidy',
    labelKey: 'menu.group.subsidy',
    items: [
      { path: '/claims', labelKey: 'menu.claims', icon: <FileDoneOutlined />, allowed: has('claim.read') },
      {
        path: '/claims/whatif',
        labelKey: 'menu.whatif',
        icon: <CalculatorOutlined />,
        allowed: (me) => me.role === 'city_office' && me.actions.includes('claim.review'),
      },
      { path: '/finance/batches', labelKey: 'menu.batches', icon: <PayCircleOutlined />, allowed: has('claim.pay') },
      { path: '/finance/funds', labelKey: 'menu.funds', icon: <AccountBookOutlined />, allowed: has('ledger.read') },
      { path: '/finance/ledger', labelKey: 'menu.ledger', icon: <BookOutlined />, allowed: has('ledger.read') },
    ],
  },
  {
    key: 'group-analysis',
    labelKey: 'menu.group.analysis',
    items: [
      { path: '/dashboard', labelKey: 'menu.dashboard', icon: <DashboardOutlined />, allowed: has('report.read') },
      { path: '/reports', labelKey: 'menu.reports', icon: <BarChartOutlined />, allowed: has('report.read') },
      { path: '/targets', labelKey: 'menu.targets', icon: <AimOutlined />, allowed: has('report.read') },
      { path: '/employment', labelKey: 'menu.employment', icon: <SolutionOutlined />, allowed: has('report.read') },
    ],
  },
  {
    key: 'group-registry',
    labelKey: 'menu.group.registry',
    items: [
      {
        path: '/workers',
        labelKey: 'menu.workers',
        icon: <TeamOutlined />,
        // A worker's worker.read covers only themself: 我的档案 (/me) is their view of it.
        allowed: (me) => me.actions.includes('worker.read') && me.role !== 'worker',
      },
      { path: '/institutions', labelKey: 'menu.institutions', icon: <BankOutlined />, allowed: has('org.read') },
      { path: '/enterprises', labelKey: 'menu.enterprises', icon: <ShopOutlined />, allowed: has('org.read') },
      { path: '/imports', labelKey: 'menu.imports', icon: <CloudUploadOutlined />, allowed: has('worker.import') },
    ],
  },
  {
    key: 'group-system',
    labelKey: 'menu.group.system',
    items: [
      {
        path: '/reference/occupations',
        labelKey: 'menu.occupations',
        icon: <ReadOutlined />,
        allowed: has('reference.edit'),
      },
      { path: '/catalogs', labelKey: 'menu.catalogs', icon: <ProfileOutlined />, allowed: has('catalog.manage') },
      { path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, allowed: has('audit.read') },
      { path: '/admin/users', labelKey: 'menu.users', icon: <UserOutlined />, allowed: has('user.manage') },
    ],
  },
  {
    key: 'group-account',
    labelKey: 'menu.group.account',
    items: [{ path: '/account/password', labelKey: 'menu.password', icon: <KeyOutlined />, allowed: () => true }],
  },
];

export function visibleNav(me: Me): NavGroup[] {
  return NAV.map((group) => ({ ...group, items: group.items.filter((item) => item.allowed(me)) })).filter(
    (group) => group.items.length > 0,
  );
}

export function navItems(me: Me): NavItem[] {
  return visibleNav(me).flatMap((group) => group.items);
}

/** Where to land after sign-in when `/` (home) is not available. */
export function landingPath(me: Me): string {
  if (me.actions.includes('home.view')) return '/';
  return navItems(me)[0]?.path ?? '/account/password';
}

/** The menu key to highlight for a location: the longest nav path that prefixes it. */
export function menuKeyFor(pathname: string, me: Me): string | undefined {
  let best: string | undefined;
  for (const item of navItems(me)) {
    const p = item.path;
    const matches = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
    if (matches && (!best || p.length > best.length)) best = p;
  }
  return best;
}
