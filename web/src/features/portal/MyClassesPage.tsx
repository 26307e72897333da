import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, ClockCircleOutlined, EnvironmentOutlined, ScanOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get } from '../../app/api';
import { beijingToday } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { ClassStatusTag, ResultTag, dayOf, minutesText, rateText, timeOf } from '../classes/labels';
import { SubsidyTag } from '../classes/RosterTab';
import type { MyClass } from '../classes/types';

function venueText(v: MyClass['venue']): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v : v.address;
}

/** 我的培训: the worker's classes, today's sessions, attendance so far and the result. */
export default function MyClassesPage() {
  const t = useT();
  const query = useQuery({
    queryKey: ['me', 'classes'],
    queryFn: ({ signal }) => get<{ items: MyClass[] }>('/api/me/classes', signal),
    select: (body) => body.items,
  });
  const today = beijingToday();
  const items = query.data ?? [];
  const running = items.some((c) => c.status === 'in_progress');

  return (
    <PageContainer
      title={t('portal.classes.title')}
      subTitle={t('portal.classes.subtitle')}
      extra={
        running ? (
          <Link to="/scan">
            <Button type="primary" size="large" icon={<ScanOutlined />} data-testid="portal-scan">
              {t('menu.scan')}
            </Button>
          </Link>
        ) : null
      }
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Card variant="borderless" className="jn-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : items.length === 0 ? (
        <Card variant="borderless" className="jn-card">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.classes.empty')} data-testid="portal-classes-empty">
            <Link to="/public/catalogs">{t('portal.classes.browse')}</Link>
          </Empty>
        </Card>
      ) : (
        <Flex vertical gap={16} data-testid="portal-classes">
          {items.map((c) => {
            const todays = c.status === 'approved' || c.status === 'in_progress' ? c.sessions.filter((s) => dayOf(s.start) === today) : [];
            const percent = c.ratePerMille === null ? 0 : Math.min(100, Math.round(c.ratePerMille / 10));
            return (
              <Card key={c.enrolmentId} variant="borderless" className="jn-card jn-portal-card" data-testid="portal-class">
                <Flex vertical gap={12}>
                  <Flex justify="space-between" align="flex-start" gap={8} wrap>
                    <div className="jn-portal-head">
                      <Typography.Title level={5} className="jn-portal-title">
                        {c.name}
                      </Typography.Title>
                      <Typography.Text type="secondary" className="jn-small">
                        {c.orgName}
                      </Typography.Text>
                    </div>
                    <Space size={4} wrap>
                      <ClassStatusTag status={c.status} name={c.statusName} />
                      <SubsidyTag subsidised={c.subsidised} />
                    </Space>
                  </Flex>
                  <Flex vertical gap={4} className="jn-portal-facts">
                    <span>
                      <CalendarOutlined /> {c.startDate} – {c.endDate}
                    </span>
                    {venueText(c.venue) ? (
                      <span>
                        <EnvironmentOutlined /> {venueText(c.venue)}
                      </span>
                    ) : null}
                  </Flex>
                  {todays.length > 0 ? (
                    <div className="jn-portal-today" data-testid="portal-today">
                      <Typography.Text strong>{t('portal.classes.today')}</Typography.Text>
                      {todays.map((s) => (
                        <Flex key={s.id} justify="space-between" align="center" className="jn-portal-session">
                          <span>
                            <ClockCircleOutlined /> {t('attendance.sessionNo', { seq: s.seq })} {timeOf(s.start)}–{timeOf(s.end)}
                          </span>
                          {c.status === 'in_progress' ? (
                            <Link to="/scan">
                              <Button size="small" type="primary" ghost icon={<ScanOutlined />}>
                                {t('menu.scan')}
                              </Button>
                            </Link>
                          ) : null}
                        </Flex>
                      ))}
                    </div>
                  ) : null}
                  <div>
                    <Flex justify="space-between" className="jn-small">
                      <span>{t('portal.classes.attendance')}</span>
                      <span>
                        {rateText(c.ratePerMille)} · {minutesText(t, c.attendedMinutes)} / {minutesText(t, c.scheduledMinutes)}
                      </span>
                    </Flex>
                    <Progress percent={percent} showInfo={false} status={percent >= 80 ? 'success' : 'active'} />
                  </div>
                  <Flex justify="space-between" align="center">
                    <Typography.Text type="secondary">{t('portal.classes.result')}</Typography.Text>
                    {c.result ? <ResultTag result={c.result} /> : <Tag>{t('portal.classes.noResult')}</Tag>}
                  </Flex>
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
    </PageContainer>
  );
}
