import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  SafetyCertificateOutlined,
  SearchOutlined,
  UserAddOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, post } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import { formatDateTime } from '../../app/format';
import { LoadError } from '../../app/results';
import { classPath } from './api';
import { ReasonsInline, ResultTag, problemMessage, rateText } from './labels';
import type { ApiProblem, ClassDetail, EnrolmentList, EnrolmentPreview, EnrolmentRow } from './types';

export function useRoster(classId: string) {
  return useQuery({
    queryKey: ['classes', 'roster', classId],
    queryFn: ({ signal }) => get<EnrolmentList>(`${classPath(classId)}/enrolments`, signal),
  });
}

export function SubsidyTag({ subsidised, livingAllowance }: { subsidised: boolean; livingAllowance?: boolean }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {subsidised ? (
        <Tag color="success" className="jn-tag-tight" data-testid="subsidy-yes">
          {t('class.subsidy.yes')}
        </Tag>
      ) : (
        <Tag color="warning" className="jn-tag-tight" data-testid="subsidy-no">
          {t('class.subsidy.no')}
        </Tag>
      )}
      {livingAllowance ? (
        <Tag color="blue" className="jn-tag-tight">
          {t('class.subsidy.living')}
        </Tag>
      ) : null}
    </Space>
  );
}

/** 学员名册: the roster, 报名 by ID number (preview, then confirm) and 退出. */
export function RosterTab({ cls, canEnrol }: { cls: ClassDetail; canEnrol: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const roster = useRoster(cls.id);
  const [enrolling, setEnrolling] = useState(false);
  const [withdrawing, setWithdrawing] = useState<EnrolmentRow | null>(null);
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const enrolOpen = cls.status === 'approved' || cls.status === 'in_progress';

  if (roster.isError) return <LoadError error={roster.error} onRetry={() => void roster.refetch()} />;
  const items = roster.data?.items ?? [];
  const active = items.filter((r) => r.status === 'active');
  const withdrawn = items.length - active.length;
  const subsidised = active.filter((r) => r.subsidised).length;
  const rows = showWithdrawn ? items : active;
  const completionKnown = active.some((r) => r.completed !== null);
  const assessed = active.some((r) => r.result !== null);

  const columns: TableColumnsType<EnrolmentRow> = [
    {
      title: '#',
      key: 'seq',
      width: 48,
      render: (_: unknown, __: EnrolmentRow, i: number) => <span className="jn-muted">{i + 1}</span>,
    },
    {
      title: t('class.roster.name'),
      dataIndex: 'name',
      key: 'name',
      width: 120,
      render: (name: string, row) => (
        <Space size={4}>
          <span className={row.status === 'withdrawn' ? 'jn-withdrawn' : undefined}>{name}</span>
          {row.status === 'withdrawn' ? (
            <Tooltip title={row.withdrawnReason ?? undefined}>
              <Tag className="jn-tag-tight">{t('class.roster.withdrawn')}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('class.roster.idNumber'),
      dataIndex: 'idMasked',
      key: 'idMasked',
      width: 190,
      render: (v: string) => <span className="jn-mono">{v}</span>,
    },
    {
      title: t('class.roster.subsidy'),
      key: 'subsidy',
      width: 300,
      render: (_: unknown, row) => (
        <Flex vertical gap={2} className="jn-subsidy-cell">
          <SubsidyTag subsidised={row.subsidised} livingAllowance={row.livingAllowance} />
          <ReasonsInline reasons={row.reasons} />
        </Flex>
      ),
    },
    {
      title: t('class.roster.attendance'),
      key: 'attendance',
      width: 130,
      render: (_: unknown, row) => (
        <Space size={6}>
          <span className="jn-mono">{rateText(row.ratePerMille)}</span>
          {row.pendingManualMarks > 0 ? (
            <Tooltip title={t('class.roster.pendingMarks', { count: row.pendingManualMarks })}>
              <Badge count={row.pendingManualMarks} size="small" color="orange" />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(completionKnown
      ? [
          {
            title: t('class.roster.completed'),
            key: 'completed',
            width: 90,
            render: (_: unknown, row: EnrolmentRow) =>
              row.completed === null ? (
                <span className="jn-muted">{t('common.none')}</span>
              ) : row.completed ? (
                <span className="jn-ok">
                  <CheckCircleFilled /> {t('class.roster.completedYes')}
                </span>
              ) : (
                <span className="jn-bad">
                  <CloseCircleFilled /> {t('class.roster.completedNo')}
                </span>
              ),
          },
        ]
      : []),
    ...(assessed
      ? [
          {
            title: t('class.roster.result'),
            key: 'result',
            width: 120,
            render: (_: unknown, row: EnrolmentRow) => (
              <Space size={4}>
                <ResultTag result={row.result} />
                {row.score !== null ? <span className="jn-mono">{row.score}</span> : null}
              </Space>
            ),
          },
          {
            title: t('class.roster.certificate'),
            key: 'certificate',
            width: 190,
            render: (_: unknown, row: EnrolmentRow) =>
              row.certificateNumber ? (
                <span className="jn-mono">
                  <SafetyCertificateOutlined /> {row.certificateNumber}
                </span>
              ) : (
                <span className="jn-muted">{t('common.none')}</span>
              ),
          },
        ]
      : []),
    {
      title: t('class.roster.enrolledAt'),
      dataIndex: 'enrolledAt',
      key: 'enrolledAt',
      width: 170,
      render: (v: string) => <span className="jn-small">{formatDateTime(v, locale)}</span>,
    },
    ...(canEnrol && enrolOpen
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, row: EnrolmentRow) =>
              row.status === 'active' ? (
                <Button type="link" size="small" danger icon={<UserDeleteOutlined />} onClick={() => setWithdrawing(row)}>
                  {t('class.roster.withdraw')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={16}>
        <Flex gap={40} wrap className="jn-roster-stats">
          <Statistic
            title={t('class.roster.enrolled')}
            value={roster.data?.enrolled ?? active.length}
            suffix={`/ ${roster.data?.capacity ?? cls.capacity}`}
          />
          <Statistic title={t('class.roster.subsidised')} value={subsidised} />
          <Statistic title={t('class.roster.unsubsidised')} value={active.length - subsidised} />
        </Flex>
        <Space wrap>
          {withdrawn > 0 ? (
            <Checkbox checked={showWithdrawn} onChange={(e) => setShowWithdrawn(e.target.checked)}>
              {t('class.roster.showWithdrawn', { count: withdrawn })}
            </Checkbox>
          ) : null}
          {canEnrol ? (
            <Tooltip title={enrolOpen ? undefined : t('class.roster.enrolClosed')}>
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                disabled={!enrolOpen}
                onClick={() => setEnrolling(true)}
                data-testid="roster-enrol"
              >
                {t('class.roster.enrol')}
              </Button>
            </Tooltip>
          ) : null}
        </Space>
      </Flex>
      <Table<EnrolmentRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={roster.isFetching}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => (row.status === 'withdrawn' ? 'jn-row-muted' : '')}
        data-testid="roster-table"
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={enrolOpen ? t('class.roster.empty') : t('class.roster.emptyNotOpen')}
            />
          ),
        }}
      />
      {canEnrol ? <EnrolModal cls={cls} open={enrolling} onClose={() => setEnrolling(false)} /> : null}
      {canEnrol ? <WithdrawModal cls={cls} row={withdrawing} onClose={() => setWithdrawing(null)} /> : null}
    </Flex>
  );
}

const ID_PATTERN = /^(\d{17}[\dXx]|\d{15})$/;

/** 报名: type the ID number, see the subsidy outlook, then confirm (and go on with the next person). */
function EnrolModal({ cls, open, onClose }: { cls: ClassDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ idNumber: string }>();
  const [preview, setPreview] = useState<{ idNumber: string; data: EnrolmentPreview } | null>(null);
  const [accept, setAccept] = useState(false);
  const [done, setDone] = useState<EnrolmentPreview[]>([]);
  const unsubsidisedClass = cls.fundingRoute === 'unsubsidised';

  const reset = () => {
    setPreview(null);
    setAccept(false);
    form.resetFields();
  };
  const close = () => {
    reset();
    setDone([]);
    onClose();
  };

  const check = useMutation({
    mutationFn: (idNumber: string) => post<EnrolmentPreview>(`${classPath(cls.id)}/enrolments/preview`, { idNumber }),
    onSuccess: (data, idNumber) => {
      setPreview({ idNumber, data });
      setAccept(false);
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
  });
  const enrol = useMutation({
    mutationFn: (body: { idNumber: string; acceptUnsubsidised?: boolean }) =>
      post<EnrolmentPreview & { id: string }>(`${classPath(cls.id)}/enrolments`, body),
    onSuccess: async (data) => {
      message.success(t('class.enrol.done', { name: data.worker?.name ?? preview?.data.worker.name ?? '' }));
      setDone((list) => [...list, data.worker ? data : preview!.data]);
      reset();
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (error) => message.error(errorText(error, locale, t), 6),
  });

  const p = preview?.data;
  const blocking = p?.problems ?? [];
  const needsAccept = p ? !p.outlook.subsidised && !unsubsidisedClass : false;
  const canConfirm = p && blocking.length === 0 && (!needsAccept || accept);

  return (
    <Modal
      open={open}
      width={620}
      title={t('class.enrol.title', { name: cls.name })}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{done.length > 0 ? t('common.close') : t('common.cancel')}</Button>
          {p ? (
            <>
              <Button onClick={reset}>{t('class.enrol.another')}</Button>
              <Button
                type="primary"
                disabled={!canConfirm}
                loading={enrol.isPending}
                onClick={() => preview && enrol.mutate({ idNumber: preview.idNumber, ...(needsAccept ? { acceptUnsubsidised: true } : {}) })}
                data-testid="enrol-confirm"
              >
                {t('class.enrol.confirm')}
              </Button>
            </>
          ) : (
            <Button
              type="primary"
              icon={<SearchOutlined />}
              loading={check.isPending}
              onClick={() => form.submit()}
              {...({ 'data-testid': 'enrol-preview' } as ButtonProps)}
            >
              {t('class.enrol.preview')}
            </Button>
          )}
        </Space>
      }
    >
      {done.length > 0 ? (
        <Alert
          type="success"
          showIcon
          className="jn-enrol-done"
          title={t('class.enrol.doneCount', { count: done.length })}
          description={done.map((d) => d.worker.name).join('、')}
        />
      ) : null}
      <Form<{ idNumber: string }>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(v) => check.mutate(v.idNumber.trim().toUpperCase())}
        disabled={Boolean(p)}
      >
        <Form.Item
          name="idNumber"
          label={t('class.enrol.idNumber')}
          extra={p ? undefined : t('class.enrol.idHint')}
          rules={[
            { required: true, whitespace: true, message: t('workers.form.idRequired') },
            { pattern: ID_PATTERN, message: t('workers.form.idInvalid') },
          ]}
        >
          <Input
            size="large"
            maxLength={18}
            className="jn-mono"
            autoFocus
            autoComplete="off"
            placeholder={t('class.enrol.idPlaceholder')}
            data-testid="enrol-id"
          />
        </Form.Item>
      </Form>
      {p ? <PreviewCard preview={p} unsubsidisedClass={unsubsidisedClass} /> : null}
      {p && needsAccept && blocking.length === 0 ? (
        <Checkbox checked={accept} onChange={(e) => setAccept(e.target.checked)} className="jn-enrol-accept" data-testid="enrol-accept">
          {t('class.enrol.acceptUnsubsidised')}
        </Checkbox>
      ) : null}
    </Modal>
  );
}

function PreviewCard({ preview, unsubsidisedClass }: { preview: EnrolmentPreview; unsubsidisedClass: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { worker, outlook } = preview;
  const blocking = preview.problems ?? [];
  const text = (r: ApiProblem) => problemMessage(r, locale);
  return (
    <div className="jn-enrol-preview" data-testid="enrol-preview-result">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'name', label: t('class.roster.name'), children: <strong>{worker.name}</strong> },
          { key: 'id', label: t('class.roster.idNumber'), children: <span className="jn-mono">{worker.idMasked}</span> },
          ...(worker.unitName ? [{ key: 'unit', label: t('common.unit'), children: worker.unitName }] : []),
        ]}
      />
      {blocking.length > 0 ? (
        <Alert
          type="error"
          showIcon
          className="jn-enrol-outlook"
          title={t('class.enrol.blocked')}
          description={
            <ul className="jn-reasons">
              {blocking.map((r, i) => (
                <li key={`${r.code}-${i}`}>{text(r)}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Result
          className="jn-enrol-outlook-result"
          status={outlook.subsidised ? 'success' : 'warning'}
          title={
            <span data-testid="enrol-outlook">
              {outlook.subsidised
                ? t('class.enrol.subsidised')
                : unsubsidisedClass
                  ? t('class.enrol.unsubsidisedClass')
                  : t('class.enrol.notSubsidised')}
            </span>
          }
          subTitle={
            <Flex vertical gap={4} align="center">
              {outlook.livingAllowance ? <Tag color="blue">{t('class.subsidy.living')}</Tag> : null}
              {outlook.subsidised && outlook.clause ? (
                <Typography.Text type="secondary">{t('class.enrol.clause', { clause: outlook.clause })}</Typography.Text>
              ) : null}
              {outlook.reasons.length > 0 ? (
                <ul className="jn-reasons jn-reasons-left">
                  {outlook.reasons.map((r, i) => (
                    <li key={`${r.code}-${i}`}>
                      {text(r)}
                      {r.clause ? <span className="jn-muted">（{r.clause}）</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Flex>
          }
        />
      )}
    </div>
  );
}

function WithdrawModal({ cls, row, onClose }: { cls: ClassDetail; row: EnrolmentRow | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useMutation({
    mutationFn: (body: { id: string; reason: string }) =>
      post<unknown>(`${classPath(cls.id)}/enrolments/${encodeURIComponent(body.id)}/withdraw`, { reason: body.reason }),
    onSuccess: async () => {
      message.success(t('class.withdraw.done'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
  });
  return (
    <Modal
      open={row !== null}
      title={t('class.withdraw.title', { name: row?.name ?? '' })}
      okText={t('class.roster.withdraw')}
      okButtonProps={{ danger: true, 'data-testid': 'withdraw-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={withdraw.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('class.withdraw.hint')} style={{ margin: '16px 0' }} />
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => row && withdraw.mutate({ id: row.id, reason: v.reason.trim() })}>
        <Form.Item name="reason" label={t('class.withdraw.reason')} rules={[{ required: true, whitespace: true, message: t('class.withdraw.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
