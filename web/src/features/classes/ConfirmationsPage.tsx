import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, post, withQuery } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import { formatDateTime } from '../../app/format';
import { ListToolbar } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import type { Paged } from '../../app/types';
import { dayOf, manualReasonLabel, timeOf } from './labels';
import type { ManualMarkRow } from './types';

type Status = 'pending' | 'decided';

/** 补签确认: the county office's queue of manual marks (补签), confirmed or refused with a reason. */
export default function ConfirmationsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const list = useListParams();
  const status: Status = list.param('status') === 'decided' ? 'decided' : 'pending';
  const [refusing, setRefusing] = useState<ManualMarkRow | null>(null);
  const params = { status, page: list.page, pageSize: list.pageSize };
  const query = useQuery({
    queryKey: ['manual-marks', params],
    queryFn: ({ signal }) => get<Paged<ManualMarkRow>>(withQuery('/api/manual-marks', params), signal),
    placeholderData: keepPreviousData,
  });

  const confirm = useMutation({
    mutationFn: (row: ManualMarkRow) => post<unknown>(`/api/manual-marks/${encodeURIComponent(row.id)}/decision`, { decision: 'confirmed' }),
    onSuccess: async (_, row) => {
      message.success(t('confirm.confirmed', { name: row.workerName }));
      await queryClient.invalidateQueries({ queryKey: ['manual-marks'] });
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (error) => message.error(errorText(error, locale, t), 6),
  });

  const columns: TableColumnsType<ManualMarkRow> = [
    {
      title: t('confirm.col.class'),
      key: 'class',
      width: 260,
      render: (_: unknown, row) => (
        <Flex vertical gap={0} className="jn-class-cell">
          <Link to={`/classes/${encodeURIComponent(row.classId)}?tab=attendance`} className="jn-strong-link jn-class-name">
            {row.className}
          </Link>
          <Typography.Text type="secondary" className="jn-small">
            {[row.classCode, row.orgName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('confirm.col.trainee'),
      key: 'trainee',
      width: 160,
      render: (_: unknown, row) => (
        <Flex vertical gap={0}>
          <span>{row.workerName}</span>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {row.idMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('confirm.col.session'),
      key: 'session',
      width: 110,
      render: (_: unknown, row) => (
        <Flex vertical gap={0}>
          <span>{t('attendance.sessionNo', { seq: row.sessionSeq })}</span>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {dayOf(row.sessionStart)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('confirm.col.time'),
      key: 'time',
      width: 110,
      render: (_: unknown, row) => (
        <span className="jn-mono">
          {timeOf(row.checkIn)}–{timeOf(row.checkOut)}
        </span>
      ),
    },
    {
      title: t('confirm.col.reason'),
      key: 'reason',
      width: 240,
      render: (_: unknown, row) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={row.reasonCode === 'other' ? 'orange' : 'default'} className="jn-tag-tight">
            {manualReasonLabel(t, row.reasonCode, row.reasonName)}
          </Tag>
          {row.note ? <span className="jn-wrap-text jn-small">{row.note}</span> : null}
          <Typography.Text type="secondary" className="jn-small">
            {t('confirm.enteredAt', { at: formatDateTime(row.createdAt, locale) })}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(status === 'decided'
      ? [
          {
            title: t('confirm.col.decision'),
            key: 'decision',
            width: 170,
            render: (_: unknown, row: ManualMarkRow) => (
              <Flex vertical gap={0}>
                {row.decision === 'confirmed' ? (
                  <Tag color="success" className="jn-tag-tight">
                    {t('attendance.confirmation.confirmed')}
                  </Tag>
                ) : row.decision === 'refused' ? (
                  <Tag color="error" className="jn-tag-tight">
                    {t('attendance.confirmation.refused')}
                  </Tag>
                ) : null}
                <Typography.Text type="secondary" className="jn-small">
                  {formatDateTime(row.decidedAt, locale)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 180,
            fixed: 'right' as const,
            render: (_: unknown, row: ManualMarkRow) => (
              <Space size={4}>
                <Popconfirm
                  title={t('confirm.confirmTitle', { name: row.workerName })}
                  description={t('confirm.confirmHint')}
                  okText={t('confirm.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => confirm.mutateAsync(row).catch(() => undefined)}
                  okButtonProps={{ 'data-testid': 'mark-confirm-ok' } as ButtonProps}
                >
                  <Button
                    type="primary"
                    size="small"
                    icon={<CheckOutlined />}
                    loading={confirm.isPending && confirm.variables?.id === row.id}
                    data-testid="mark-confirm"
                  >
                    {t('confirm.confirm')}
                  </Button>
                </Popconfirm>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRefusing(row)} data-testid="mark-refuse">
                  {t('confirm.refuse')}
                </Button>
              </Space>
            ),
          },
        ]),
  ];

  return (
    <PageContainer title={t('confirm.title')} subTitle={t('confirm.subtitle')}>
      <Card variant="borderless" className="jn-card">
        <ListToolbar onRefresh={() => void query.refetch()} refreshing={query.isFetching}>
          <Segmented<Status>
            value={status}
            onChange={(v) => list.update({ status: v === 'pending' ? undefined : v })}
            options={[
              { value: 'pending', label: t('confirm.pending') },
              { value: 'decided', label: t('confirm.decided') },
            ]}
            data-testid="mark-status"
          />
        </ListToolbar>
        {status === 'pending' ? <Alert type="info" showIcon title={t('confirm.hint')} className="jn-list-hint" /> : null}
        <PagedTable<ManualMarkRow>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={false}
          emptyText={status === 'pending' ? t('confirm.emptyPending') : t('confirm.emptyDecided')}
          data-testid="mark-table"
        />
      </Card>
      <RefuseModal row={refusing} onClose={() => setRefusing(null)} />
    </PageContainer>
  );
}

function RefuseModal({ row, onClose }: { row: ManualMarkRow | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const refuse = useMutation({
    mutationFn: (body: { id: string; reason: string }) =>
      post<unknown>(`/api/manual-marks/${encodeURIComponent(body.id)}/decision`, { decision: 'refused', reason: body.reason }),
    onSuccess: async () => {
      message.success(t('confirm.refused'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['manual-marks'] });
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
  });
  return (
    <Modal
      open={row !== null}
      title={t('confirm.refuseTitle', { name: row?.workerName ?? '' })}
      okText={t('confirm.refuse')}
      okButtonProps={{ danger: true, 'data-testid': 'mark-refuse-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={refuse.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {row ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {t('confirm.refuseSummary', {
            className: row.className,
            seq: row.sessionSeq,
            time: `${timeOf(row.checkIn)}–${timeOf(row.checkOut)}`,
            reason: manualReasonLabel(t, row.reasonCode, row.reasonName),
          })}
        </Typography.Paragraph>
      ) : null}
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => row && refuse.mutate({ id: row.id, reason: v.reason.trim() })}>
        <Form.Item name="reason" label={t('confirm.refuseReason')} rules={[{ required: true, whitespace: true, message: t('confirm.refuseReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('confirm.refuseReasonPlaceholder')} data-testid="mark-refuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
