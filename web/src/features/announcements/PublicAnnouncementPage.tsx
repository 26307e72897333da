import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Result, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, ClockCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { isNotFound, post } from '../../app/api';
import { formatFen } from '../../app/format';
import { showFormErrors } from '../../app/formErrors';
import { PublicLinks, PublicShell } from '../../app/PublicShell';
import { LoadError } from '../../app/results';
import { usePublicAnnouncement } from '../claims/api';
import { ClauseTag, paymentKindLabel } from '../claims/labels';
import type { PublicRosterRow } from '../claims/types';

/** One announcement (公示): the class, the masked roster with each person's amounts, and the objection form while open. */
export default function PublicAnnouncementPage() {
  const t = useT();
  const { id = '' } = useParams();
  const view = usePublicAnnouncement(id);
  const data = view.data;
  useEffect(() => {
    document.title = `${data?.claim.className ?? t('announce.title')} · ${t('app.name')}`;
  }, [t, data?.claim.className]);

  const columns: TableColumnsType<PublicRosterRow> = [
    { title: t('announce.col.no'), key: 'no', width: 64, render: (_: unknown, _r, i) => i + 1 },
    { title: t('announce.col.name'), dataIndex: 'name', key: 'name', width: 110 },
    { title: t('announce.col.id'), dataIndex: 'idMasked', key: 'id', width: 200, render: (v: string) => <span className="jn-mono">{v}</span> },
    {
      title: t('announce.col.items'),
      key: 'items',
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          {r.items.map((it, i) => (
            <div key={`${it.kind}-${i}`} className="jn-public-item jn-small">
              <span>
                {paymentKindLabel(t, it.kind)} <ClauseTag clause={it.clause} />
              </span>
              <span className="jn-muted">{it.fundName}</span>
              <span className="jn-mono jn-amount">{formatFen(it.amountFen)}</span>
            </div>
          ))}
        </Flex>
      ),
    },
    { title: t('announce.col.total'), dataIndex: 'totalFen', key: 'total', width: 130, align: 'right', render: (v: number) => <strong className="jn-mono">{formatFen(v)}</strong> },
  ];

  const body = (() => {
    if (isNotFound(view.error))
      return (
        <Card variant="borderless" className="jn-card jn-public-card">
          <Result status="404" title={t('announce.notFound')} subTitle={t('announce.notFoundHint')} />
        </Card>
      );
    if (view.isError)
      return (
        <Card variant="borderless" className="jn-card jn-public-card">
          <LoadError error={view.error} onRetry={() => void view.refetch()} />
        </Card>
      );
    if (!data)
      return (
        <Card variant="borderless" className="jn-card jn-public-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      );
    const c = data.claim;
    return (
      <Flex vertical gap={16}>
        <Card variant="borderless" className="jn-card jn-public-card" data-testid="announcement-view">
          <Flex vertical gap={16}>
            <Flex justify="space-between" align="flex-start" wrap gap={16}>
              <div style={{ minWidth: 0 }}>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="announcement-class">
                  {c.className}
                </Typography.Title>
                <Typography.Text type="secondary" className="jn-mono">
                  {c.classCode}
                </Typography.Text>
              </div>
              {data.objectionsOpen ? (
                <Tag color="purple" icon={<ClockCircleOutlined />} className="jn-announce-window" data-testid="announcement-window">
                  {t('announce.windowOpen', { end: c.windowEnd ?? '' })}
                </Tag>
              ) : (
                <Tag className="jn-announce-window" data-testid="announcement-window">
                  {t('announce.windowClosed', { end: c.windowEnd ?? '' })}
                </Tag>
              )}
            </Flex>
            <Row gutter={[24, 16]}>
              <Col xs={24} lg={16}>
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2 }}
                  items={[
                    { key: 'org', label: t('announce.org'), children: c.orgName },
                    { key: 'unit', label: t('announce.unit'), children: c.unitName },
                    { key: 'dates', label: t('announce.dates'), children: `${c.startDate} – ${c.endDate}` },
                    { key: 'window', label: t('announce.window'), children: `${c.announcedOn ?? ''} – ${c.windowEnd ?? ''}` },
                  ]}
                />
              </Col>
              <Col xs={24} lg={8}>
                <Flex gap={32}>
                  <Statistic title={t('announce.total')} value={formatFen(c.totalFen)} data-testid="announcement-total" />
                  <Statistic title={t('announce.people')} value={data.roster.length} suffix={t('announce.peopleUnit')} />
                </Flex>
              </Col>
            </Row>
            <Table<PublicRosterRow>
              rowKey={(r) => `${r.name}|${r.idMasked}`}
              size="middle"
              columns={columns}
              dataSource={data.roster}
              pagination={data.roster.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 'max-content' }}
              data-testid="announcement-roster"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('announce.rosterEmpty')} /> }}
            />
            <Typography.Text type="secondary" className="jn-small">
              {t('announce.privacy')}
            </Typography.Text>
          </Flex>
        </Card>
        {data.objectionsOpen ? <ObjectionCard id={c.id} windowEnd={c.windowEnd ?? ''} /> : null}
      </Flex>
    );
  })();

  return (
    <PublicShell subtitle={t('announce.title')} home="/public/announcements" nav={<PublicLinks current="announcements" />}>
      <Flex className="jn-announce-back">
        <Link to="/public/announcements">
          <Button type="link" icon={<ArrowLeftOutlined />}>
            {t('announce.back')}
          </Button>
        </Link>
      </Flex>
      {body}
    </PublicShell>
  );
}

type ObjectionValues = { text: string; contact?: string };

function ObjectionCard({ id, windowEnd }: { id: string; windowEnd: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<ObjectionValues>();
  const [sent, setSent] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: ObjectionValues) => post<{ id: string }>(`/api/public/announcements/${encodeURIComponent(id)}/objections`, body),
  });
  return (
    <Card variant="borderless" className="jn-card jn-public-card" title={t('announce.objectTitle')} data-testid="objection-card">
      {sent ? (
        <Result status="success" title={t('announce.objectDone')} subTitle={t('announce.objectDoneHint')} data-testid="objection-sent" />
      ) : (
        <Form<ObjectionValues>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            send.mutate(
              { text: v.text.trim(), ...(v.contact?.trim() ? { contact: v.contact.trim() } : {}) },
              {
                onSuccess: () => setSent(true),
                onError: (error) => showFormErrors(form, error, locale, t, setNotice),
              },
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('announce.objectIntro', { end: windowEnd })}</Typography.Paragraph>
          <Form.Item name="text" label={t('announce.objectText')} rules={[{ required: true, whitespace: true, message: t('announce.objectTextRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('announce.objectPlaceholder')} data-testid="objection-text" />
          </Form.Item>
          <Form.Item name="contact" label={t('announce.objectContact')} extra={t('announce.objectContactHint')}>
            <Input maxLength={100} style={{ maxWidth: 360 }} data-testid="objection-contact" />
          </Form.Item>
          {notice ? <Alert type="error" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={send.isPending} data-testid="objection-submit">
            {t('announce.objectSubmit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
