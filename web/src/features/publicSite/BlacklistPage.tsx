import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Grid, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CalendarOutlined, EnvironmentOutlined, FileProtectOutlined, StopOutlined } from '@ant-design/icons';
import { useT, type MessageKey } from '../../i18n';
import { get } from '../../app/api';
import { PublicLinks, PublicShell } from '../../app/PublicShell';
import { LoadError } from '../../app/results';
import { PublicHero, useNames, usePageTitle } from './shared';
import type { BlacklistEntry } from './types';

/** 黑名单 (/public/blacklist, no sign-in, §17): organisations barred from subsidised training, with the published decision. */
export default function BlacklistPage() {
  const t = useT();
  const names = useNames();
  const screens = Grid.useBreakpoint();
  usePageTitle(t('publicSite.blacklist.title'));
  const q = useQuery({
    queryKey: ['public', 'blacklist'],
    queryFn: ({ signal }) => get<{ items: BlacklistEntry[] }>('/api/public/blacklist', signal),
    select: (b) => b.items,
  });
  const items = q.data ?? [];
  const kindText = (b: BlacklistEntry) =>
    b.kind === 'institution' && b.institutionKind ? t(`orgs.institutionKind.${b.institutionKind}` as MessageKey) : t(`publicSite.blacklist.kind.${b.kind}` as MessageKey);

  const columns: ColumnsType<BlacklistEntry> = [
    {
      title: t('publicSite.blacklist.col.name'),
      key: 'name',
      width: 240,
      className: 'jn-wrap-cell',
      render: (_: unknown, b) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{b.name}</Typography.Text>
          <Typography.Text type="secondary" className="jn-small">
            {kindText(b)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('publicSite.blacklist.col.creditCode'), key: 'code', width: 190, render: (_: unknown, b) => <span className="jn-mono">{b.creditCode}</span> },
    { title: t('publicSite.blacklist.col.unit'), key: 'unit', width: 120, render: (_: unknown, b) => names.unit(b) },
    { title: t('publicSite.blacklist.col.date'), key: 'date', width: 110, render: (_: unknown, b) => b.effectiveDate ?? '—' },
    { title: t('publicSite.blacklist.col.reason'), key: 'reason', className: 'jn-wrap-cell', render: (_: unknown, b) => b.reason },
    { title: t('publicSite.blacklist.col.decision'), key: 'decision', width: 170, render: (_: unknown, b) => b.decisionRef ?? '—' },
  ];

  const body = (() => {
    if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
    if (q.isPending) return <Skeleton active paragraph={{ rows: 5 }} />;
    if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publicSite.blacklist.empty')} />;
    if (screens.md === false)
      return (
        <Flex vertical gap={12} data-testid="blacklist">
          {items.map((b) => (
            <div key={b.creditCode} data-testid="blacklist-row" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 14 }}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Typography.Text strong>{b.name}</Typography.Text>
                <Tag color="red" icon={<StopOutlined />} className="jn-tag-tight" style={{ marginInlineEnd: 0 }}>
                  {t('publicSite.blacklist.title')}
                </Tag>
              </Flex>
              <Typography.Text type="secondary" className="jn-small" style={{ display: 'block', margin: '4px 0 8px' }}>
                {kindText(b)} · <span className="jn-mono">{b.creditCode}</span>
              </Typography.Text>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{b.reason}</Typography.Paragraph>
              <Flex gap={16} wrap className="jn-muted jn-small">
                <span>
                  <EnvironmentOutlined /> {names.unit(b)}
                </span>
                <span>
                  <CalendarOutlined /> {b.effectiveDate ?? '—'}
                </span>
                <span>
                  <FileProtectOutlined /> {b.decisionRef ?? '—'}
                </span>
              </Flex>
            </div>
          ))}
        </Flex>
      );
    return (
      <Table<BlacklistEntry>
        rowKey="creditCode"
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 1100 }}
        onRow={() => ({ 'data-testid': 'blacklist-row' }) as React.HTMLAttributes<HTMLElement>}
        data-testid="blacklist"
      />
    );
  })();

  return (
    <PublicShell subtitle={t('publicSite.subtitle')} home="/public" nav={<PublicLinks current="blacklist" />}>
      <PublicHero title={t('publicSite.blacklist.heading')} intro={t('publicSite.blacklist.intro')} />
      <Card variant="borderless" className="jn-card jn-public-card">
        {items.length > 0 ? (
          <Typography.Text type="secondary" className="jn-small" style={{ display: 'block', margin: '12px 0' }} data-testid="blacklist-count">
            {t('publicSite.blacklist.count', { total: items.length })}
          </Typography.Text>
        ) : (
          <div style={{ height: 12 }} />
        )}
        {body}
      </Card>
    </PublicShell>
  );
}
