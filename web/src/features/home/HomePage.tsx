import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Card, Col, Descriptions, Empty, Row, Statistic, Tag, Typography } from 'antd';
import {
  AccountBookOutlined,
  BankOutlined,
  EnvironmentOutlined,
  RightOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { get } from '../../app/api';
import { useMe } from '../../app/auth';
import { navItems } from '../../app/nav';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { roleLabel } from '../../app/roles';
import { useUnitLabel } from '../../app/units';
import type { HomeSummary, Me } from '../../app/types';

type CountKey = keyof HomeSummary['counts'];

type Metric = {
  key: CountKey;
  icon: ReactNode;
  color: string;
  bg: string;
  /** List page opened by clicking the card, when the user may see it. */
  link?: { path: string; allowed: (me: Me) => boolean };
};

const METRICS: Metric[] = [
  {
    key: 'workers',
    icon: <TeamOutlined />,
    color: '#1d5fd6',
    bg: '#e8f0fe',
    link: { path: '/workers', allowed: (me) => me.actions.includes('worker.read') },
  },
  {
    key: 'institutions',
    icon: <BankOutlined />,
    color: '#0e8a8a',
    bg: '#e3f6f5',
    link: { path: '/institutions', allowed: (me) => me.actions.includes('org.read') },
  },
  {
    key: 'enterprises',
    icon: <ShopOutlined />,
    color: '#2f8f3a',
    bg: '#e8f5e9',
    link: { path: '/enterprises', allowed: (me) => me.actions.includes('org.read') },
  },
  {
    key: 'classes',
    icon: <ScheduleOutlined />,
    color: '#c76a00',
    bg: '#fff3e0',
    link: { path: '/classes', allowed: (me) => me.actions.includes('class.read') },
  },
  {
    key: 'claims',
    icon: <AccountBookOutlined />,
    color: '#8e3bc4',
    bg: '#f5ebfb',
    link: { path: '/claims', allowed: (me) => me.actions.includes('claim.read') },
  },
  {
    key: 'users',
    icon: <UserOutlined />,
    color: '#b5344a',
    bg: '#fdecef',
    link: { path: '/admin/users', allowed: (me) => me.actions.includes('user.manage') },
  },
];

const SCOPE_KEYS: Record<HomeSummary['scope']['kind'], MessageKey> = {
  city: 'scope.city',
  county: 'scope.county',
  organisation: 'scope.organisation',
  worker: 'scope.worker',
  system: 'scope.system',
};

function greetingKey(now: Date): MessageKey {
  const h = now.getHours();
  if (h < 12) return 'home.greeting.morning';
  if (h < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

function MetricCard({ metric, value, loading, me }: { metric: Metric; value: number | undefined; loading: boolean; me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const target = metric.link && metric.link.allowed(me) ? metric.link.path : undefined;
  return (
    <Card
      variant="borderless"
      className={`jn-card jn-metric${target ? ' jn-metric-link' : ''}`}
      hoverable={Boolean(target)}
      onClick={target ? () => navigate(target) : undefined}
    >
      <div className="jn-metric-body">
        <div className="jn-metric-icon" style={{ color: metric.color, background: metric.bg }}>
          {metric.icon}
        </div>
        <Statistic
          title={t(`home.count.${metric.key}`)}
          value={value ?? 0}
          loading={loading}
          suffix={<span className="jn-metric-suffix">{t(`home.suffix.${metric.key}`)}</span>}
          formatter={(v) => (
            <span className="jn-metric-value" data-testid={`home-count-${metric.key}`} data-value={String(v)}>
              {String(v)}
            </span>
          )}
        />
      </div>
    </Card>
  );
}

export default function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const unitLabel = useUnitLabel();
  const summary = useQuery({
    queryKey: ['home', 'summary'],
    queryFn: ({ signal }) => get<HomeSummary>('/api/home/summary', signal),
  });

  const data = summary.data;
  const scopeName = data ? (locale === 'en' ? (data.scope.nameEn ?? data.scope.name) : data.scope.name) : '';
  const metrics = METRICS.filter((m) => m.key !== 'users' || data?.counts.users !== undefined);
  const links = navItems(me).filter((item) => item.path !== '/');
  const scopeText = data ? t('home.scopeValue', { kind: t(SCOPE_KEYS[data.scope.kind]), name: scopeName }) : '';
  const unitText = me.unitCode || me.unitName ? unitLabel(me.unitCode, me.unitName) : null;

  return (
    <PageContainer title={t('home.title')} root>
      <Card variant="borderless" className="jn-card jn-welcome">
        <div className="jn-welcome-body">
          <Avatar size={56} icon={<UserOutlined />} className="jn-welcome-avatar" />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="home-welcome">
              {t('home.welcome', { greeting: t(greetingKey(new Date())), name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('home.welcomeSub', {
                role: roleLabel(t, me.role),
                scope: data ? scopeName : (me.orgName ?? unitText ?? ''),
              })}
            </Typography.Text>
          </div>
          {data ? (
            <Tag icon={<EnvironmentOutlined />} color="blue" className="jn-welcome-scope" data-testid="home-scope">
              {t('home.scopeTag', { scope: scopeText })}
            </Tag>
          ) : null}
        </div>
      </Card>

      <div className="jn-section-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('home.overview')}
        </Typography.Title>
        <Typography.Text type="secondary" className="jn-small">
          {t('home.overviewHint')}
        </Typography.Text>
      </div>

      {summary.isError ? (
        <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <div className="jn-metrics">
          {metrics.map((metric) => (
            <MetricCard
              key={metric.key}
              metric={metric}
              value={data?.counts[metric.key]}
              loading={summary.isPending}
              me={me}
            />
          ))}
        </div>
      )}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" className="jn-card" title={t('home.quickLinks')} style={{ height: '100%' }}>
            {links.length === 0 ? (
              <Empty description={t('home.quickLinksEmpty')} />
            ) : (
              <Row gutter={[12, 12]}>
                {links.map((item) => (
                  <Col key={item.path} xs={12} sm={8}>
                    <Link to={item.path} className="jn-quick-link" data-testid={`quick-link-${item.path}`}>
                      <span className="jn-quick-icon">{item.icon}</span>
                      <span className="jn-quick-label">{t(item.labelKey)}</span>
                      <RightOutlined className="jn-quick-arrow" />
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" className="jn-card" title={t('home.account')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('home.account.username'), children: me.username },
                { key: 'role', label: t('home.account.role'), children: roleLabel(t, me.role) },
                ...(unitText ? [{ key: 'unit', label: t('home.account.unit'), children: unitText }] : []),
                ...(me.orgName ? [{ key: 'org', label: t('home.account.org'), children: me.orgName }] : []),
                ...(data ? [{ key: 'scope', label: t('home.scopeLabel'), children: scopeText }] : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
