import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { AppstoreOutlined, BankOutlined, CalendarOutlined, LoginOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get } from '../../app/api';
import { useAuth } from '../../app/auth';
import { LocaleSwitch } from '../../app/AppLayout';
import { formatDate } from '../../app/format';
import { LogoMark } from '../../app/Logo';
import { PublicLinks } from '../../app/PublicShell';
import { landingPath } from '../../app/nav';
import { LoadError } from '../../app/results';
import type { Catalog, CatalogDetail, CatalogKind } from '../../app/types';
import { InstitutionTable, ProjectTable } from './CatalogTables';
import { CATALOG_KINDS, CatalogStatusTag, catalogKindLabel, catalogKindLong } from './labels';

/**
 * 培训目录公示 (/public/catalogs): the published catalogs for everyone, without sign-in — a year, a kind, and the
 * year's current version (earlier, superseded versions stay readable).
 */
export default function PublicCatalogsPage() {
  const t = useT();
  const { me } = useAuth();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [kind, setKind] = useState<CatalogKind>('projects');
  const [versionId, setVersionId] = useState<string | undefined>(undefined);

  useEffect(() => {
    document.title = `${t('catalog.public.title')} · ${t('app.name')}`;
  }, [t]);

  const list = useQuery({
    queryKey: ['public', 'catalogs'],
    queryFn: ({ signal }) => get<{ items: Catalog[] }>('/api/public/catalogs', signal),
    select: (body) => body.items,
  });
  const years = useMemo(() => [...new Set((list.data ?? []).map((c) => c.year))].sort((a, b) => b - a), [list.data]);
  const shownYear = year ?? years[0];
  const versions = useMemo(
    () =>
      (list.data ?? []).filter((c) => c.year === shownYear && c.kind === kind).sort((a, b) => b.version - a.version),
    [list.data, shownYear, kind],
  );
  const current = versions.find((c) => c.status === 'published') ?? versions[0];
  const chosen = versions.find((c) => c.id === versionId) ?? current;

  const detail = useQuery({
    queryKey: ['public', 'catalogs', chosen?.id],
    queryFn: ({ signal }) => get<CatalogDetail>(`/api/public/catalogs/${encodeURIComponent(chosen?.id ?? '')}`, signal),
    enabled: Boolean(chosen),
  });
  const data = detail.data;

  const body = (() => {
    if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
    if (list.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (years.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.public.noneAtAll')} />;
    if (!chosen)
      return (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('catalog.public.none', { year: shownYear ?? '', kind: catalogKindLong(t, kind) })}
        />
      );
    if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
    return (
      <>
        <Flex justify="space-between" align="flex-start" gap={16} wrap className="jn-public-meta">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="public-catalog-title">
              {chosen.title}
            </Typography.Title>
            <Space size={8} wrap separator={<span className="jn-muted">·</span>} className="jn-public-meta-line">
              <CatalogStatusTag status={chosen.status} />
              <Typography.Text type="secondary">{t('catalog.versionValue', { version: chosen.version })}</Typography.Text>
              {chosen.publishedAt ? (
                <Typography.Text type="secondary">
                  <CalendarOutlined /> {t('catalog.publishedAt')} {formatDate(chosen.publishedAt)}
                </Typography.Text>
              ) : null}
              {data ? (
                <Typography.Text type="secondary">
                  {t('catalog.public.itemsTotal', {
                    total: kind === 'projects' ? data.projects.length : data.institutions.length,
                  })}
                </Typography.Text>
              ) : null}
            </Space>
          </div>
          {versions.length > 1 ? (
            <Space size={8}>
              <Typography.Text type="secondary">{t('catalog.public.versionPick')}</Typography.Text>
              <Select<string>
                value={chosen.id}
                onChange={setVersionId}
                style={{ minWidth: 180 }}
                options={versions.map((v) => ({
                  value: v.id,
                  label:
                    v.status === 'published'
                      ? `${t('catalog.versionValue', { version: v.version })}（${t('catalog.public.current')}）`
                      : `${t('catalog.versionValue', { version: v.version })} · ${t('catalog.status.superseded')}`,
                }))}
                data-testid="public-catalog-version"
              />
            </Space>
          ) : null}
        </Flex>
        {chosen.status === 'superseded' && current && current.status === 'published' ? (
          <Alert
            type="warning"
            showIcon
            className="jn-public-notice"
            title={t('catalog.public.supersededNotice', { version: current.version })}
          />
        ) : null}
        {!data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : kind === 'projects' ? (
          <ProjectTable rows={data.projects} testId="public-catalog-projects" />
        ) : (
          <InstitutionTable rows={data.institutions} testId="public-catalog-institutions" />
        )}
      </>
    );
  })();

  return (
    <div className="jn-public">
      <header className="jn-public-header">
        <div className="jn-public-header-inner">
          <Link to="/public/catalogs" className="jn-public-brand">
            <LogoMark size={36} />
            <span className="jn-public-brand-text">
              <span className="jn-public-brand-name">
                <span>{t('app.name')}</span>
                <span className="jn-public-brand-full"> · {t('app.fullName')}</span>
              </span>
              <span className="jn-public-brand-sub">{t('catalog.public.title')}</span>
            </span>
          </Link>
          <Flex align="center" gap={4}>
            <PublicLinks current="catalogs" />
            <LocaleSwitch className="jn-login-locale" />
            <Link to={me ? landingPath(me) : '/login'}>
              <Button
                type="primary"
                ghost
                icon={<LoginOutlined />}
                className="jn-public-signin"
                data-testid="public-catalog-signin"
              >
                {me ? t('catalog.public.enter') : t('catalog.public.signIn')}
              </Button>
            </Link>
          </Flex>
        </div>
      </header>
      <main className="jn-public-main">
        <section className="jn-public-hero">
          <Typography.Title level={2} className="jn-public-heading" data-testid="page-title">
            {t('catalog.public.heading')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="jn-public-intro">
            {t('catalog.public.intro')}
          </Typography.Paragraph>
        </section>
        <Card variant="borderless" className="jn-card jn-public-card" data-testid="public-catalog">
          <Flex align="center" gap={16} wrap className="jn-public-toolbar">
            <Select<number>
              value={shownYear}
              onChange={(v) => {
                setYear(v);
                setVersionId(undefined);
              }}
              disabled={years.length === 0}
              placeholder={t('catalog.year')}
              prefix={<CalendarOutlined />}
              className="jn-public-year"
              options={years.map((y) => ({ value: y, label: t('catalog.yearValue', { year: y }) }))}
              data-testid="public-catalog-year"
            />
            <Tabs
              activeKey={kind}
              onChange={(k) => {
                setKind(k as CatalogKind);
                setVersionId(undefined);
              }}
              className="jn-public-tabs"
              items={CATALOG_KINDS.map((k) => ({
                key: k,
                label: (
                  <span data-testid={`public-catalog-tab-${k}`}>
                    {k === 'projects' ? <AppstoreOutlined /> : <BankOutlined />} {catalogKindLabel(t, k)}
                  </span>
                ),
              }))}
            />
          </Flex>
          {body}
        </Card>
      </main>
      <footer className="jn-public-footer">{t('app.footer')}</footer>
    </div>
  );
}
