import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Flex, Grid } from 'antd';
import {
  BarChartOutlined,
  HomeOutlined,
  LoginOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../i18n';
import { useAuth } from './auth';
import { LocaleSwitch } from './AppLayout';
import { LogoMark } from './Logo';
import { landingPath } from './nav';

/**
 * The frame of a public page (no sign-in): brand, the public site's navigation (or `nav`), language switch,
 * sign-in button, footer.
 */
export function PublicShell({ subtitle, home, nav, children }: { subtitle: string; home: string; nav?: ReactNode; children: ReactNode }) {
  const t = useT();
  const { me } = useAuth();
  return (
    <div className="jn-public">
      <header className="jn-public-header">
        <div className="jn-public-header-inner">
          <Link to={home} className="jn-public-brand">
            <LogoMark size={36} />
            <span className="jn-public-brand-text">
              <span className="jn-public-brand-name">
                <span>{t('app.name')}</span>
                <span className="jn-public-brand-full"> · {t('app.fullName')}</span>
              </span>
              <span className="jn-public-brand-sub">{subtitle}</span>
            </span>
          </Link>
          <Flex align="center" gap={4}>
            {nav ?? <PublicLinks />}
            <LocaleSwitch className="jn-login-locale" />
            <Link to={me ? landingPath(me) : '/login'}>
              <Button type="primary" ghost icon={<LoginOutlined />} className="jn-public-signin">
                {me ? t('catalog.public.enter') : t('catalog.public.signIn')}
              </Button>
            </Link>
          </Flex>
        </div>
      </header>
      <main className="jn-public-main">{children}</main>
      <footer className="jn-public-footer">{t('app.footer')}</footer>
    </div>
  );
}

export type PublicPage = 'home' | 'disclosure' | 'catalogs' | 'announcements' | 'blacklist' | 'verify';

/**
 * The public site's navigation (§17 信息公开): its home, task completion and fund use, the annual catalogs, the
 * subsidy announcements, the blacklist and certificate verification — links in the header on a wide screen, a
 * menu button on a narrow one. `current` is the page shown (highlighted).
 */
export function PublicLinks({ current }: { current?: PublicPage }) {
  const t = useT();
  const { locale } = useLocale();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const links: { key: PublicPage; to: string; icon: ReactNode; label: string; testId: string }[] = [
    { key: 'home', to: '/public', icon: <HomeOutlined />, label: t('publicSite.nav.home'), testId: 'public-home-link' },
    { key: 'disclosure', to: '/public/disclosure', icon: <BarChartOutlined />, label: t('publicSite.nav.disclosure'), testId: 'public-disclosure-link' },
    { key: 'catalogs', to: '/public/catalogs', icon: <ProfileOutlined />, label: t('publicSite.nav.catalogs'), testId: 'public-catalogs-link' },
    { key: 'announcements', to: '/public/announcements', icon: <NotificationOutlined />, label: t('publicSite.nav.announcements'), testId: 'public-announcements-link' },
    { key: 'blacklist', to: '/public/blacklist', icon: <StopOutlined />, label: t('publicSite.nav.blacklist'), testId: 'public-blacklist-link' },
    { key: 'verify', to: '/verify', icon: <SafetyCertificateOutlined />, label: t('publicSite.nav.verify'), testId: 'public-verify-link' },
  ];
  // Links while they fit beside the brand (English words are longer), else a menu button. Before the first
  // measurement useBreakpoint is empty: assume a wide screen.
  const wide = (locale === 'en' ? screens.xxl : screens.xl) ?? true;
  if (!wide)
    return (
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          selectedKeys: current ? [current] : [],
          items: links.map((l) => ({
            key: l.key,
            icon: l.icon,
            label: <span data-testid={l.testId}>{l.label}</span>,
          })),
          onClick: ({ key }) => {
            const l = links.find((x) => x.key === key);
            if (l) void navigate(l.to);
          },
        }}
      >
        <button type="button" className="jn-public-nav" style={{ background: 'transparent', border: 0, cursor: 'pointer', font: 'inherit' }} data-testid="public-nav-menu" aria-label={t('publicSite.nav.menu')}>
          <MenuOutlined /> <span className="jn-public-nav-text">{t('publicSite.nav.menu')}</span>
        </button>
      </Dropdown>
    );
  return (
    <nav style={{ display: 'flex', alignItems: 'center', gap: 2 }} aria-label={t('publicSite.nav.menu')}>
      {links.map((l) => (
        <Link
          key={l.key}
          to={l.to}
          className="jn-public-nav"
          data-testid={l.testId}
          aria-current={l.key === current ? 'page' : undefined}
          style={{ padding: '0 8px', ...(l.key === current ? { color: '#fff', background: 'rgba(255, 255, 255, 0.16)', fontWeight: 500 } : {}) }}
        >
          {l.icon} <span className="jn-public-nav-text">{l.label}</span>
        </Link>
      ))}
    </nav>
  );
}
