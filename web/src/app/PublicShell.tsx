import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Flex } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
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
