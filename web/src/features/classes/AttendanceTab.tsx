import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, EditOutlined, QrcodeOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../i18n';
import { get, post } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import { LoadError } from '../../app/results';
import { classPath } from './api';
import { dayOf, manualReasonLabel, minutesText, rateText, sessionText, timeOf } from './labels';
import { MANUAL_REASONS, type AttendanceCell, type AttendanceRow, type AttendanceSheet, type ClassDetail, type ClassSession } from './types';

export function useAttendance(classId: string, enabled = true) {
  return useQuery({
    queryKey: ['classes', 'attendance', classId],
    queryFn: ({ signal }) => get<AttendanceSheet>(`${classPath(classId)}/attendance`, signal),
    enabled,
  });
}

/** One cell of the sheet: attended minutes, with the marks behind them (QR, manual pending/confirmed/refused). */
function Cell({ cell, session, onMark }: { cell: AttendanceCell | undefined; session: ClassSession; onMark?: () => void }) {
  const t = useT();
  const marks = cell?.marks ?? [];
  const pending = marks.some((m) => m.kind === 'manual' && m.confirmation === 'pending');
  const refused = marks.some((m) => m.kind === 'manual' && m.confirmation === 'refused');
  const manual = marks.some((m) => m.kind === 'manual' && m.confirmation === 'confirmed');
  const openIn = marks.some((m) => m.kind === 'qr' && m.in && !m.out);
  const minutes = cell?.minutes ?? 0;
  const full = minutes >= session.minutes;
  const detail = marks.map((m) => {
    const what = m.kind === 'qr' ? t('attendance.cell.qr') : t('attendance.cell.manual');
    const state =
      m.kind === 'manual' && m.confirmation ? ` · ${t(`attendance.confirmation.${m.confirmation}`)}` : '';
    const reason = m.kind === 'manual' && m.reasonCode ? ` · ${manualReasonLabel(t, m.reasonCode)}` : '';
    return `${what} ${timeOf(m.in)}–${m.out ? timeOf(m.out) : t('attendance.cell.noOut')}${state}${reason}`;
  });
  const body = (
    <div className={`jn-att-cell${minutes > 0 ? (full ? ' jn-att-full' : ' jn-att-part') : ' jn-att-none'}`}>
      <span className="jn-mono">{minutes > 0 ? minutes : '—'}</span>
      {pending ? (
        <Tag color="orange" className="jn-att-flag" data-testid="att-pending">
          {t('attendance.cell.pending')}
        </Tag>
      ) : manual ? (
        <Tag color="blue" className="jn-att-flag">
          {t('attendance.cell.manualShort')}
        </Tag>
      ) : refused ? (
        <Tag color="red" className="jn-att-flag">
          {t('attendance.cell.refused')}
        </Tag>
      ) : openIn ? (
        <Tag className="jn-att-flag">{t('attendance.cell.noOutShort')}</Tag>
      ) : null}
    </div>
  );
  const tip = detail.length > 0 ? detail.join('\n') : t('attendance.cell.absent');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}>
      {onMark && minutes < session.minutes && !pending ? (
        <button type="button" className="jn-att-button" onClick={onMark} aria-label={t('attendance.manual.add')}>
          {body}
        </button>
      ) : (
        body
      )}
    </Tooltip>
  );
}

/** 考勤: sessions × trainees, the QR screens for the runner, and 补签 with a reason. */
export function AttendanceTab({ cls, sessions, canManage }: { cls: ClassDetail; sessions: ClassSession[]; canManage: boolean }) {
  const t = useT();
  const sheet = useAttendance(cls.id);
  const running = cls.status === 'in_progress';
  const [marking, setMarking] = useState<{ enrolmentId?: string; sessionId?: string } | null>(null);

  const data = sheet.data;
  const sheetSessions = data?.sessions ?? sessions;
  const pendingTotal = (data?.rows ?? []).reduce(
    (n, r) => n + r.cells.reduce((k, c) => k + c.marks.filter((m) => m.kind === 'manual' && m.confirmation === 'pending').length, 0),
    0,
  );

  const columns: TableColumnsType<AttendanceRow> = useMemo(
    () => [
      {
        title: t('class.roster.name'),
        key: 'name',
        fixed: 'left',
        width: 150,
        render: (_: unknown, row) => (
          <Flex vertical gap={0}>
            <span>{row.name}</span>
            <Typography.Text type="secondary" className="jn-small jn-mono">
              {row.idMasked}
            </Typography.Text>
          </Flex>
        ),
      },
      ...sheetSessions.map((s) => ({
        title: (
          <Tooltip title={sessionText(s.start, s.end)}>
            <div className="jn-att-head">
              <div>{t('attendance.sessionNo', { seq: s.seq })}</div>
              <div className="jn-small jn-muted">{dayOf(s.start).slice(5)}</div>
              <div className="jn-small jn-muted">{timeOf(s.start)}</div>
            </div>
          </Tooltip>
        ),
        key: s.id,
        width: 76,
        align: 'center' as const,
        render: (_: unknown, row: AttendanceRow) => (
          <Cell
            cell={row.cells.find((c) => c.sessionId === s.id)}
            session={s}
            onMark={canManage && running ? () => setMarking({ enrolmentId: row.enrolmentId, sessionId: s.id }) : undefined}
          />
        ),
      })),
      {
        title: t('attendance.total'),
        key: 'total',
        fixed: 'right',
        width: 120,
        render: (_: unknown, row) => (
          <Flex vertical gap={0} align="flex-end">
            <span className="jn-mono">{rateText(row.ratePerMille)}</span>
            <Typography.Text type="secondary" className="jn-small">
              {minutesText(t, row.attendedMinutes)}
            </Typography.Text>
          </Flex>
        ),
      },
    ],
    [t, sheetSessions, canManage, running],
  );

  if (sheet.isError) return <LoadError error={sheet.error} onRetry={() => void sheet.refetch()} />;

  return (
    <Flex vertical gap={16}>
      {canManage && (running || cls.status === 'approved') ? <SessionScreens cls={cls} sessions={sheetSessions} running={running} /> : null}
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space size={12} wrap className="jn-att-legend">
          <span>
            <span className="jn-att-swatch jn-att-full" /> {t('attendance.legend.full')}
          </span>
          <span>
            <span className="jn-att-swatch jn-att-part" /> {t('attendance.legend.part')}
          </span>
          <span>
            <Tag color="orange" className="jn-att-flag">
              {t('attendance.cell.pending')}
            </Tag>
            {t('attendance.legend.pending')}
          </span>
          <span>
            <Tag color="blue" className="jn-att-flag">
              {t('attendance.cell.manualShort')}
            </Tag>
            {t('attendance.legend.manual')}
          </span>
          <Typography.Text type="secondary" className="jn-small">
            {t('attendance.legend.minutes')}
          </Typography.Text>
        </Space>
        {canManage && (running || cls.status === 'approved') ? (
          <Tooltip title={running ? undefined : t('attendance.notRunning')}>
            <Button icon={<EditOutlined />} disabled={!running} onClick={() => setMarking({})} data-testid="att-manual">
              {t('attendance.manual.add')}
            </Button>
          </Tooltip>
        ) : null}
      </Flex>
      {pendingTotal > 0 ? (
        <Alert type="warning" showIcon title={t('attendance.pendingAlert', { count: pendingTotal })} data-testid="att-pending-alert" />
      ) : null}
      <Table<AttendanceRow>
        rowKey="enrolmentId"
        size="small"
        bordered
        className="jn-att-table"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={sheet.isFetching}
        pagination={(data?.rows.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        data-testid="attendance-table"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.empty')} />,
        }}
      />
      {canManage ? (
        <ManualMarkModal
          cls={cls}
          rows={data?.rows ?? []}
          sessions={sheetSessions}
          initial={marking}
          onClose={() => setMarking(null)}
        />
      ) : null}
    </Flex>
  );
}

/** The sessions with links to their projector screens (签到 / 签退 QR codes). */
function SessionScreens({ cls, sessions, running }: { cls: ClassDetail; sessions: ClassSession[]; running: boolean }) {
  const t = useT();
  const today = dayOf(new Date().toISOString());
  const todays = sessions.filter((s) => dayOf(s.start) === today);
  const shown = todays.length > 0 ? todays : sessions;
  const [all, setAll] = useState(false);
  const list = all ? sessions : shown.slice(0, 6);
  return (
    <div className="jn-screens" data-testid="att-sessions">
      <Flex justify="space-between" align="center" wrap gap={8} className="jn-screens-head">
        <Typography.Text strong>
          <QrcodeOutlined /> {todays.length > 0 ? t('attendance.screens.today') : t('attendance.screens.all')}
        </Typography.Text>
        {!running ? (
          <Typography.Text type="secondary" className="jn-small">
            {t('attendance.notRunning')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" className="jn-small">
            {t('attendance.screens.hint')}
          </Typography.Text>
        )}
      </Flex>
      <Row gutter={[8, 8]}>
        {list.map((s) => (
          <Col key={s.id} xs={24} sm={12} lg={8} xxl={6}>
            <Flex className="jn-screen-item" justify="space-between" align="center" gap={8}>
              <Flex vertical gap={0}>
                <span>{t('attendance.sessionNo', { seq: s.seq })}</span>
                <Typography.Text type="secondary" className="jn-small jn-mono">
                  <ClockCircleOutlined /> {sessionText(s.start, s.end)}
                </Typography.Text>
              </Flex>
              {running ? (
                <Link
                  to={`/classes/${encodeURIComponent(cls.id)}/sessions/${encodeURIComponent(s.id)}/qr`}
                  target="_blank"
                  data-testid={`att-qr-${s.seq}`}
                >
                  <Button size="small" type="primary" ghost icon={<QrcodeOutlined />}>
                    {t('attendance.screens.open')}
                  </Button>
                </Link>
              ) : null}
            </Flex>
          </Col>
        ))}
      </Row>
      {!all && sessions.length > list.length ? (
        <Button type="link" size="small" onClick={() => setAll(true)} className="jn-screens-more">
          {t('attendance.screens.showAll', { count: sessions.length })}
        </Button>
      ) : null}
    </div>
  );
}

type MarkValues = {
  enrolmentId?: string;
  sessionId?: string;
  checkIn?: Dayjs;
  checkOut?: Dayjs;
  reasonCode?: string;
  note?: string;
};

/** 补签: a manual mark for one trainee and session, with a reason; it counts once the county confirms it. */
function ManualMarkModal({
  cls,
  rows,
  sessions,
  initial,
  onClose,
}: {
  cls: ClassDetail;
  rows: AttendanceRow[];
  sessions: ClassSession[];
  initial: { enrolmentId?: string; sessionId?: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MarkValues>();
  const sessionId = Form.useWatch('sessionId', form);
  const reasonCode = Form.useWatch('reasonCode', form);
  const session = sessions.find((s) => s.id === sessionId);

  const mark = useMutation({
    mutationFn: (body: { enrolmentId: string; sessionId: string; checkIn: string; checkOut: string; reasonCode: string; note?: string }) =>
      post<{ id: string }>(`${classPath(cls.id)}/manual-marks`, body),
    onSuccess: async () => {
      message.success(t('attendance.manual.done'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
  });

  const timeAt = (iso: string) => dayjs(`2000-01-01T${timeOf(iso)}`);
  const crossesMidnight = (x: { start: string; end: string }) => dayOf(x.end) !== dayOf(x.start);
  const initialSession = sessions.find((s) => s.id === initial?.sessionId);

  return (
    <Modal
      open={initial !== null}
      width={560}
      title={t('attendance.manual.title')}
      okText={t('attendance.manual.submit')}
      okButtonProps={{ 'data-testid': 'att-manual-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={mark.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('attendance.manual.hint')} style={{ margin: '16px 0' }} />
      <Form<MarkValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          enrolmentId: initial?.enrolmentId,
          sessionId: initial?.sessionId,
          checkIn: initialSession ? timeAt(initialSession.start) : undefined,
          checkOut: initialSession ? timeAt(initialSession.end) : undefined,
        }}
        onValuesChange={(changed: Partial<MarkValues>) => {
          if (changed.sessionId) {
            const s = sessions.find((x) => x.id === changed.sessionId);
            if (s) form.setFieldsValue({ checkIn: timeAt(s.start), checkOut: timeAt(s.end) });
          }
        }}
        onFinish={(v) => {
          const s = sessions.find((x) => x.id === v.sessionId);
          if (!s || !v.enrolmentId || !v.checkIn || !v.checkOut || !v.reasonCode) return;
          const day = dayOf(s.start);
          // A session that runs past midnight: a check-out not after the check-in is on the session's last day.
          const outDay = crossesMidnight(s) && !v.checkOut.isAfter(v.checkIn) ? dayOf(s.end) : day;
          mark.mutate({
            enrolmentId: v.enrolmentId,
            sessionId: s.id,
            checkIn: `${day}T${v.checkIn.format('HH:mm')}:00+08:00`,
            checkOut: `${outDay}T${v.checkOut.format('HH:mm')}:00+08:00`,
            reasonCode: v.reasonCode,
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          });
        }}
      >
        <Form.Item name="enrolmentId" label={t('attendance.manual.trainee')} rules={[{ required: true, message: t('attendance.manual.traineeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('attendance.manual.traineePlaceholder')}
            options={rows.map((r) => ({ value: r.enrolmentId, label: `${r.name} ${r.idMasked}` }))}
            data-testid="att-manual-trainee"
          />
        </Form.Item>
        <Form.Item name="sessionId" label={t('attendance.manual.session')} rules={[{ required: true, message: t('attendance.manual.sessionRequired') }]}>
          <Select
            placeholder={t('attendance.manual.sessionPlaceholder')}
            options={sessions.map((s) => ({ value: s.id, label: `${t('attendance.sessionNo', { seq: s.seq })} · ${sessionText(s.start, s.end)}` }))}
            data-testid="att-manual-session"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="checkIn"
              label={t('attendance.manual.checkIn')}
              extra={session ? dayOf(session.start) : undefined}
              rules={[{ required: true, message: t('class.form.timeRequired') }]}
            >
              <TimePicker format="HH:mm" minuteStep={1} style={{ width: '100%' }} data-testid="att-manual-in" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="checkOut"
              label={t('attendance.manual.checkOut')}
              extra={session && crossesMidnight(session) ? `${dayOf(session.start)} – ${dayOf(session.end)}` : undefined}
              dependencies={['checkIn']}
              rules={[
                { required: true, message: t('class.form.timeRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | undefined) => {
                    const a = getFieldValue('checkIn') as Dayjs | undefined;
                    // Past midnight the check-out may read earlier than the check-in: it is on the next day.
                    return !v || !a || v.isAfter(a) || (session && crossesMidnight(session)) ? Promise.resolve() : Promise.reject(new Error(t('class.form.endBeforeStartTime')));
                  },
                }),
              ]}
            >
              <TimePicker format="HH:mm" minuteStep={1} style={{ width: '100%' }} data-testid="att-manual-out" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reasonCode" label={t('attendance.manual.reason')} rules={[{ required: true, message: t('attendance.manual.reasonRequired') }]}>
          <Select
            placeholder={t('attendance.manual.reasonPlaceholder')}
            options={MANUAL_REASONS.map((r) => ({ value: r, label: manualReasonLabel(t, r) }))}
            data-testid="att-manual-reason"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('attendance.manual.note')}
          rules={[{ required: reasonCode === 'other', whitespace: true, message: t('attendance.manual.noteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('attendance.manual.notePlaceholder')} data-testid="att-manual-note" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" className="jn-small">
        <CheckCircleFilled /> {t('attendance.manual.auditNote')}
      </Typography.Text>
    </Modal>
  );
}
