import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Flex } from 'antd';
import { LoginOutlined, NotificationOutlined, ProfileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useT } from '../i18n';
import { useAuth } from './auth';
import { LocaleSwitch } from './AppLayout';
import { LogoMark } from './Logo';
import { landingPath } from './nav';

/** The frame of a public page (no sign-in): brand, language switch, sign-in button, footer. */
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
            {nav}
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

export type PublicPage = 'catalogs' | 'announcements' | 'verify';

/** The public pages' links, for a public header: the annual catalogs, the subsidy announcements, certificate verification. */
export function PublicLinks({ current }: { current?: PublicPage }) {
  const t = useT();
  const links: { key: PublicPage; to: string; icon: ReactNode; label: string; testId: string }[] = [
    { key: 'catalogs', to: '/public/catalogs', icon: <ProfileOutlined />, label: t('login.publicCatalogs'), testId: 'public-catalogs-link' },
    { key: 'announcements', to: '/public/announcements', icon: <NotificationOutlined />, label: t('login.announcements'), testId: 'public-announcements-link' },
    { key: 'verify', to: '/verify', icon: <SafetyCertificateOutlined />, label: t('login.verify'), testId: 'public-verify-link' },
  ];
  return (
    <>
      {links
        .filter((l) => l.key !== current)
        .map((l) => (
          <Link key={l.key} to={l.to} className="jn-public-nav" data-testid={l.testId}>
            {l.icon} <span className="jn-public-nav-text">{l.label}</span>
          </Link>
        ))}
    </>
  );
}
