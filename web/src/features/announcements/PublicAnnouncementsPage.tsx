import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Pagination, Skeleton, Space, Tag, Typography } from 'antd';
import { BankOutlined, CalendarOutlined, ClockCircleOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { formatFen } from '../../app/format';
import { PublicLinks, PublicShell } from '../../app/PublicShell';
import { LoadError } from '../../app/results';
import type { Paged } from '../../app/types';
import type { PublicAnnouncement } from '../claims/types';

const PAGE_SIZE = 10;

/** 补贴公示 (no sign-in, §17): the claims under public announcement, each open for objections until its window ends. */
export default function PublicAnnouncementsPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  useEffect(() => {
    document.title = `${t('announce.title')} · ${t('app.name')}`;
  }, [t]);
  const query = useQuery({
    queryKey: ['public', 'announcements', 'list', page],
    queryFn: ({ signal }) => get<Paged<PublicAnnouncement>>(withQuery('/api/public/announcements', { page, pageSize: PAGE_SIZE }), signal),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];

  return (
    <PublicShell subtitle={t('announce.title')} home="/public/announcements" nav={<PublicLinks current="announcements" />}>
      <section className="jn-public-hero">
        <Typography.Title level={2} className="jn-public-heading" data-testid="page-title">
          {t('announce.heading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="jn-public-intro">
          {t('announce.intro')}
        </Typography.Paragraph>
      </section>
      <Card variant="borderless" className="jn-card jn-public-card" data-testid="announcements">
        {query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('announce.empty')} />
        ) : (
          <Flex vertical gap={0}>
            <Typography.Text type="secondary" className="jn-small jn-announce-count">
              {t('announce.count', { total: query.data?.total ?? 0 })}
            </Typography.Text>
            {items.map((a) => (
              <Link key={a.id} to={`/public/announcements/${encodeURIComponent(a.id)}`} className="jn-announce-item" data-testid="announcement">
                <Flex justify="space-between" align="center" gap={16} wrap>
                  <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text strong className="jn-announce-title">
                      {a.className}
                    </Typography.Text>
                    <Space size={[16, 4]} wrap className="jn-muted jn-small">
                      <span>
                        <BankOutlined /> {a.orgName}
                      </span>
                      <span>
                        <EnvironmentOutlined /> {a.unitName}
                      </span>
                      <span>
                        <CalendarOutlined /> {a.startDate} – {a.endDate}
                      </span>
                      <span className="jn-mono">{a.classCode}</span>
                    </Space>
                  </Flex>
                  <Flex align="center" gap={20}>
                    <Flex vertical align="flex-end" gap={2}>
                      <span className="jn-mono jn-announce-amount">{formatFen(a.totalFen)}</span>
                      <Tag color="purple" icon={<ClockCircleOutlined />} className="jn-tag-tight">
                        {t('announce.until', { end: a.windowEnd ?? '' })}
                      </Tag>
                    </Flex>
                    <RightOutlined className="jn-muted" />
                  </Flex>
                </Flex>
              </Link>
            ))}
            {(query.data?.total ?? 0) > PAGE_SIZE ? (
              <Flex justify="flex-end" style={{ marginTop: 16 }}>
                <Pagination current={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
              </Flex>
            ) : null}
          </Flex>
        )}
      </Card>
    </PublicShell>
  );
}
