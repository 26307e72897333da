import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Spin, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  GlobalOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../i18n';
import { useMe, useAuth } from './auth';
import { menuKeyFor, visibleNav } from './nav';
import { ActiveMenuContext } from './layoutContext';
import { LogoMark } from './Logo';
import { roleLabel } from './roles';
import { useUnitLabel } from './units';
import { PASSWORD_PATH } from './guards';

const { Sider, Header, Content, Footer } = Layout;
const SIDER_WIDTH = 232;
const SIDER_COLLAPSED = 72;
const COLLAPSE_KEY = 'jineng.siderCollapsed';

function storedCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSE_KEY) === '1';
  } catch {
    return false;
  }
}

export function LocaleSwitch({ className }: { className?: string }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Tooltip title={t('locale.switchTooltip')}>
      <Button
        type="text"
        className={className}
        data-testid="locale-switch"
        data-locale={locale}
        icon={<GlobalOutlined />}
        onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t('locale.switchTo')}
      </Button>
    </Tooltip>
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const unitLabel = useUnitLabel();
  const unit = me.orgName ?? (me.unitCode || me.unitName ? unitLabel(me.unitCode, me.unitName) : null);
  const role = roleLabel(t, me.role);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div className="jn-user-card">
          <div className="jn-user-card-name">{me.displayName}</div>
          <div className="jn-muted">{me.username}</div>
          <div className="jn-muted">{role}</div>
          {unit ? <div className="jn-muted">{unit}</div> : null}
        </div>
      ),
    },
    { type: 'divider' },
    ...(me.role === 'worker'
      ? [{ key: '/me', icon: <IdcardOutlined />, label: t('header.myProfile') }]
      : []),
    { key: PASSWORD_PATH, icon: <KeyOutlined />, label: t('header.changePassword') },
  ];

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{ items, onClick: ({ key }) => navigate(key) }}
    >
      <button type="button" className="jn-user-trigger" data-testid="user-menu">
        <Avatar size={32} className="jn-avatar" icon={<UserOutlined />} />
        {compact ? null : (
          <span className="jn-user-text">
            <span className="jn-user-name">{me.displayName}</span>
            <span className="jn-user-meta">{unit ? t('header.roleUnit', { role, unit }) : role}</span>
          </span>
        )}
      </button>
    </Dropdown>
  );
}

export function AppLayout() {
  const t = useT();
  const me = useMe();
  const { signOut } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const compactHeader = screens.lg === false;

  const [collapsed, setCollapsed] = useState<boolean>(storedCollapsed);
  const [mobileOpen, setMobileOpen] = useState(false);
  const [menuOverride, setMenuOverride] = useState<string | undefined>(undefined);
  const setActiveKey = useCallback((key: string | undefined) => setMenuOverride(key), []);

  useEffect(() => {
    setMobileOpen(false);
  }, [location.pathname]);

  const toggle = () => {
    if (isMobile) {
      setMobileOpen((open) => !open);
      return;
    }
    setCollapsed((c) => {
      try {
        window.localStorage.setItem(COLLAPSE_KEY, c ? '0' : '1');
      } catch {
        // ignore
      }
      return !c;
    });
  };

  const siderCollapsed = isMobile ? !mobileOpen : collapsed;
  const siderOffset = isMobile ? 0 : collapsed ? SIDER_COLLAPSED : SIDER_WIDTH;

  const menuItems = useMemo<MenuProps['items']>(
    () =>
      visibleNav(me).flatMap((group, index): NonNullable<MenuProps['items']> => {
        const children = group.items.map((item) => ({
          key: item.path,
          icon: item.icon,
          label: <Link to={item.path}>{t(item.labelKey)}</Link>,
          title: t(item.labelKey),
        }));
        if (!group.labelKey) return children;
        // Collapsed, group titles have no room: a thin divider separates the groups instead.
        if (siderCollapsed) return [...(index > 0 ? [{ key: `${group.key}-divider`, type: 'divider' as const }] : []), ...children];
        return [{ key: group.key, type: 'group' as const, label: t(group.labelKey), children }];
      }),
    [me, t, siderCollapsed],
  );

  const selected = menuOverride ?? menuKeyFor(location.pathname, me);

  const onLogout = async () => {
    await signOut();
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <ActiveMenuContext.Provider value={setActiveKey}>
      <Layout className="jn-shell">
        {isMobile && mobileOpen ? <div className="jn-sider-mask" onClick={() => setMobileOpen(false)} /> : null}
        <Sider
          className="jn-sider"
          theme="dark"
          width={SIDER_WIDTH}
          collapsedWidth={isMobile ? 0 : SIDER_COLLAPSED}
          collapsible
          collapsed={siderCollapsed}
          trigger={null}
        >
          <Link to="/" className={`jn-logo${siderCollapsed ? ' jn-logo-collapsed' : ''}`}>
            <LogoMark size={34} />
            {siderCollapsed ? null : (
              <span className="jn-logo-text">
                <span className="jn-logo-title">{t('app.name')}</span>
                <span className="jn-logo-sub">{t('app.siderSubtitle')}</span>
              </span>
            )}
          </Link>
          <Menu
            data-testid="menu"
            className="jn-menu"
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={menuItems}
          />
        </Sider>
        <Layout className="jn-main" style={{ marginInlineStart: siderOffset }}>
          <Header className="jn-header">
            <Flex align="center" gap={8} className="jn-header-left">
              <Tooltip title={siderCollapsed ? t('header.expand') : t('header.collapse')}>
                <Button
                  type="text"
                  className="jn-header-btn"
                  aria-label={siderCollapsed ? t('header.expand') : t('header.collapse')}
                  icon={siderCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                  onClick={toggle}
                />
              </Tooltip>
              {compactHeader ? null : (
                <Typography.Text className="jn-header-product">{t('app.fullName')}</Typography.Text>
              )}
            </Flex>
            <Flex align="center" gap={4}>
              <LocaleSwitch className="jn-header-btn" />
              <UserMenu compact={isMobile} />
              <Tooltip title={isMobile ? t('header.logout') : undefined}>
                <Button
                  type="text"
                  className="jn-header-btn"
                  data-testid="logout"
                  icon={<LogoutOutlined />}
                  onClick={() => void onLogout()}
                  aria-label={t('header.logout')}
                >
                  {isMobile ? null : t('header.logout')}
                </Button>
              </Tooltip>
            </Flex>
          </Header>
          <Content className="jn-content">
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 96 }}>
                  <Spin size="large" />
                </Flex>
              }
            >
              <Outlet />
            </Suspense>
          </Content>
          <Footer className="jn-footer">{t('app.footer')}</Footer>
        </Layout>
      </Layout>
    </ActiveMenuContext.Provider>
  );
}
