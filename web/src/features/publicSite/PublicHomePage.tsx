import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Empty, Flex, List, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import {
  BarChartOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  NotificationOutlined,
  ProfileOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useT } from '../../i18n';
import { formatDate, formatFen, formatNumber } from '../../app/format';
import { PublicLinks, PublicShell } from '../../app/PublicShell';
import { LoadError } from '../../app/results';
import { CITY_CODE } from '../../app/types';
import { perMilleText, PublicHero, useDisclosurePeriods, useDisclosureYear, useNames, usePageTitle } from './shared';

type Section = { to: string; icon: ReactNode; color: string; title: string; desc: string; testId: string };

/**
 * 信息公开首页 (/public, no sign-in, §17): the latest approved year's headline figures (trainings against target,
 * subsidies paid), the most recently approved reports, and a card for every part of the public site.
 */
export default function PublicHomePage() {
  const t = useT();
  const names = useNames();
  usePageTitle(t('publicSite.title'));
  const periods = useDisclosurePeriods();
  const year = periods.data?.years[0];
  const data = useDisclosureYear(year);
  const summary = data.data?.summary ?? null;
  const annual = data.data?.periods.find((p) => p.kind === 'annual');
  const latest = (periods.data?.items ?? []).filter((r) => r.unitCode === CITY_CODE).sort((a, b) => b.approvedAt.localeCompare(a.approvedAt) || b.periodKey.localeCompare(a.periodKey)).slice(0, 5);

  const sections: Section[] = [
    { to: '/public/disclosure', icon: <BarChartOutlined />, color: '#1d5fd6', title: t('publicSite.card.disclosure'), desc: t('publicSite.card.disclosureDesc'), testId: 'home-card-disclosure' },
    { to: '/public/catalogs', icon: <ProfileOutlined />, color: '#0f9f6e', title: t('publicSite.card.catalogs'), desc: t('publicSite.card.catalogsDesc'), testId: 'home-card-catalogs' },
    { to: '/public/announcements', icon: <NotificationOutlined />, color: '#d9822b', title: t('publicSite.card.announcements'), desc: t('publicSite.card.announcementsDesc'), testId: 'home-card-announcements' },
    { to: '/public/blacklist', icon: <StopOutlined />, color: '#cf1322', title: t('publicSite.card.blacklist'), desc: t('publicSite.card.blacklistDesc'), testId: 'home-card-blacklist' },
    { to: '/verify', icon: <SafetyCertificateOutlined />, color: '#7a4cc2', title: t('publicSite.card.verify'), desc: t('publicSite.card.verifyDesc'), testId: 'home-card-verify' },
  ];

  const headline = (() => {
    if (periods.isError) return <LoadError error={periods.error} onRetry={() => void periods.refetch()} />;
    if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
    if (periods.isPending || (year !== undefined && data.isPending)) return <Skeleton active paragraph={{ rows: 4 }} />;
    if (!summary || year === undefined) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicSite.home.none')} />;
    const total = summary.total;
    return (
      <>
        <Flex justify="space-between" align="baseline" gap={8} wrap style={{ marginBottom: 16 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="home-year-title">
            {t('publicSite.home.yearTitle', { year })}
          </Typography.Title>
          <Typography.Text type="secondary" className="jn-small">
            <CalendarOutlined /> {t('publicSite.home.asOf', { date: summary.asOf })}
            {annual ? ` · ${t('publicSite.disclosure.detail', { label: names.period(annual), kind: names.kind('annual') })} ${t('publicSite.home.approvedOn', { date: formatDate(annual.approvedAt) })}` : ''}
          </Typography.Text>
        </Flex>
        <Row gutter={[24, 20]}>
          <Col xs={24} md={10}>
            <Statistic
              title={t('publicSite.m.trainings')}
              value={total.trainings}
              formatter={(v) => formatNumber(Number(v), names.locale)}
              suffix={total.target ? <span style={{ fontSize: 15, color: 'rgba(0,0,0,0.45)' }}>/ {formatNumber(total.target, names.locale)}</span> : null}
              data-testid="home-trainings"
            />
            {total.target ? (
              <>
                <Progress percent={Math.min(100, (total.targetPerMille ?? 0) / 10)} showInfo={false} strokeColor="#1d5fd6" style={{ margin: '4px 0 0' }} />
                <Typography.Text type="secondary" className="jn-small" data-testid="home-progress">
                  {t('publicSite.m.ofTarget', { target: formatNumber(total.target, names.locale) })} · {t('publicSite.m.completedOf', { percent: perMilleText(total.targetPerMille) })}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary" className="jn-small">
                {t('publicSite.m.noTarget')}
              </Typography.Text>
            )}
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Statistic title={t('publicSite.m.paid')} value={formatFen(total.paidTotalFen)} data-testid="home-paid" />
            <Typography.Text type="secondary" className="jn-small">
              {t('publicSite.m.living')} {formatFen(total.livingAllowanceFen)}
            </Typography.Text>
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Statistic title={`${t('publicSite.m.completed')} / ${t('publicSite.m.certificates')}`} value={`${formatNumber(total.completed, names.locale)} / ${formatNumber(total.certificates, names.locale)}`} />
            <Typography.Text type="secondary" className="jn-small">
              {t('publicSite.m.employmentRate')} {perMilleText(total.employmentRatePerMille)}
            </Typography.Text>
          </Col>
        </Row>
        <Link to={`/public/disclosure?year=${year}`}>
          <Button type="primary" ghost icon={<RightOutlined />} iconPlacement="end" style={{ marginTop: 20 }} data-testid="home-more">
            {t('publicSite.home.more')}
          </Button>
        </Link>
      </>
    );
  })();

  return (
    <PublicShell subtitle={t('publicSite.subtitle')} home="/public" nav={<PublicLinks current="home" />}>
      <PublicHero title={t('publicSite.home.heading')} intro={t('publicSite.home.intro')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card variant="borderless" className="jn-card" style={{ height: '100%' }} data-testid="home-headline">
            {headline}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" className="jn-card" title={t('publicSite.home.latest')} style={{ height: '100%' }} data-testid="home-latest">
            {latest.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicSite.home.none')} />
            ) : (
              <List
                size="small"
                split
                dataSource={latest}
                renderItem={(r) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Link to={`/public/disclosure?year=${r.periodKey.slice(0, 4)}`} style={{ color: 'inherit' }}>
                      <CheckCircleOutlined style={{ color: '#0f9f6e', marginRight: 8 }} />
                      {names.report(r)}
                    </Link>
                    <Tag className="jn-tag-tight" style={{ marginInlineEnd: 0 }}>
                      {t('publicSite.home.approvedOn', { date: formatDate(r.approvedAt) })}
                    </Tag>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={4} style={{ margin: '28px 0 12px' }}>
        {t('publicSite.home.sections')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {sections.map((s, i) => (
          // Two wide cards (the figures and the catalogs), then three.
          <Col key={s.to} xs={24} sm={12} lg={i < 2 ? 12 : 8}>
            <Link to={s.to} data-testid={s.testId} style={{ color: 'inherit', display: 'block', height: '100%' }}>
              <Card variant="borderless" className="jn-card" hoverable style={{ height: '100%' }}>
                <Flex gap={16} align="flex-start">
                  <span
                    style={{
                      flexShrink: 0,
                      width: 44,
                      height: 44,
                      borderRadius: 10,
                      display: 'inline-flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      fontSize: 22,
                      color: s.color,
                      background: `${s.color}14`,
                    }}
                  >
                    {s.icon}
                  </span>
                  <Flex vertical gap={4} style={{ minWidth: 0 }}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {s.title} <RightOutlined style={{ fontSize: 12, color: 'rgba(0,0,0,0.35)' }} />
                    </Typography.Text>
                    <Typography.Text type="secondary" className="jn-small">
                      {s.desc}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </PublicShell>
  );
}
