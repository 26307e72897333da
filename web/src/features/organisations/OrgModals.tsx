import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../i18n';
import { post, put } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import { beijingToday, fenToYuanInput, parseYuanToFen } from '../../app/format';
import type { EducationFund, FundWarning, OrgDetail, OrgStatus } from '../../app/types';
import { statusActionLabel } from './labels';

type StatusValues = { reason: string; decisionRef: string; effectiveDate?: Dayjs };

/**
 * A status change (§17) from `allowedStatusChanges`: reason, decision reference (决定文号) and effective date
 * are all required → POST /api/organisations/:id/status.
 */
export function StatusChangeModal({
  org,
  to,
  onClose,
}: {
  org: Pick<OrgDetail, 'id' | 'name' | 'status'>;
  /** The target status; null = closed. */
  to: OrgStatus | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StatusValues>();

  const change = useMutation({
    mutationFn: (body: { to: OrgStatus; reason: string; decisionRef: string; effectiveDate: string }) =>
      post<unknown>(`/api/organisations/${encodeURIComponent(org.id)}/status`, body),
    onSuccess: async () => {
      message.success(t('orgs.statusChange.done'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  const action = to ? statusActionLabel(t, org.status, to, '') : '';
  const harsh = to === 'blacklisted' || to === 'suspended';

  return (
    <Modal
      open={to !== null}
      title={t('orgs.statusChange.title', { action, name: org.name })}
      okText={action || t('common.ok')}
      okButtonProps={{ danger: harsh, 'data-testid': 'org-status-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type={harsh ? 'warning' : 'info'}
        showIcon
        title={harsh ? t('orgs.statusChange.warning') : t('orgs.statusChange.restore')}
        style={{ margin: '16px 0' }}
      />
      <Form<StatusValues>
        form={form}
        layout="vertical"
        initialValues={{ effectiveDate: dayjs(beijingToday()) }}
        onFinish={(values) =>
          to &&
          change.mutate({
            to,
            reason: values.reason.trim(),
            decisionRef: values.decisionRef.trim(),
            effectiveDate: values.effectiveDate?.format('YYYY-MM-DD') ?? '',
          })
        }
      >
        <Form.Item
          name="reason"
          label={t('orgs.statusChange.reason')}
          rules={[{ required: true, whitespace: true, message: t('orgs.statusChange.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="org-status-reason" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="decisionRef"
              label={t('orgs.col.decisionRef')}
              rules={[{ required: true, whitespace: true, message: t('orgs.statusChange.decisionRefRequired') }]}
            >
              <Input
                maxLength={100}
                placeholder={t('orgs.statusChange.decisionRefPlaceholder')}
                data-testid="org-status-decision"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="effectiveDate"
              label={t('orgs.col.statusSince')}
              rules={[{ required: true, message: t('orgs.statusChange.effectiveDateRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="org-status-date" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

type FundValues = { year: number; payrollFen: string; educationFundFen: string; frontLineFen: string };

/**
 * 填报职工教育经费 (§13): amounts typed in yuan (up to two decimals), converted to integer fen by string
 * parsing → PUT /api/organisations/:id/education-funds/:year. The §13 ratio checks only warn.
 */
export function FundReportModal({
  orgId,
  open,
  initial,
  onClose,
}: {
  orgId: string;
  open: boolean;
  /** A reported year to correct; absent = a new year. */
  initial?: EducationFund | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FundValues>();

  const save = useMutation({
    mutationFn: ({ year, ...body }: { year: number; payrollFen: number; educationFundFen: number; frontLineFen: number }) =>
      put<{ warnings?: FundWarning[] } | null>(
        `/api/organisations/${encodeURIComponent(orgId)}/education-funds/${encodeURIComponent(String(year))}`,
        body,
      ),
    onSuccess: async (result, { year }) => {
      message.success(t('orgs.fund.saved', { year }));
      for (const w of result?.warnings ?? []) message.warning(w.message[locale] ?? w.message['zh-CN'] ?? w.code, 6);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  const yuanRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v?.trim() || parseYuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('orgs.fund.amountInvalid'))),
  };
  const amountInput = (testId: string) => (
    <Input prefix="¥" suffix={t('orgs.fund.yuan')} inputMode="decimal" className="jn-mono" data-testid={testId} />
  );

  const lastYear = Number(beijingToday().slice(0, 4)) - 1;

  return (
    <Modal
      open={open}
      title={initial ? t('orgs.fund.editTitle', { year: initial.year }) : t('orgs.fund.report')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'fund-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('orgs.fund.rule')} style={{ margin: '16px 0' }} />
      <Form<FundValues>
        form={form}
        layout="vertical"
        initialValues={
          initial
            ? {
                year: initial.year,
                payrollFen: fenToYuanInput(initial.payrollFen),
                educationFundFen: fenToYuanInput(initial.educationFundFen),
                frontLineFen: fenToYuanInput(initial.frontLineFen),
              }
            : { year: lastYear }
        }
        onFinish={(values) => {
          const payrollFen = parseYuanToFen(values.payrollFen);
          const educationFundFen = parseYuanToFen(values.educationFundFen);
          const frontLineFen = parseYuanToFen(values.frontLineFen);
          if (payrollFen === null || educationFundFen === null || frontLineFen === null) return;
          save.mutate({ year: values.year, payrollFen, educationFundFen, frontLineFen });
        }}
      >
        <Form.Item
          name="year"
          label={t('orgs.fund.col.year')}
          rules={[{ required: true, message: t('orgs.fund.yearRequired') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} disabled={Boolean(initial)} style={{ width: 160 }} data-testid="fund-year" />
        </Form.Item>
        <Form.Item
          name="payrollFen"
          label={t('orgs.fund.col.payroll')}
          rules={[{ required: true, whitespace: true, message: t('orgs.fund.amountRequired') }, yuanRule]}
        >
          {amountInput('fund-payroll')}
        </Form.Item>
        <Form.Item
          name="educationFundFen"
          label={t('orgs.fund.col.fund')}
          rules={[{ required: true, whitespace: true, message: t('orgs.fund.amountRequired') }, yuanRule]}
        >
          {amountInput('fund-total')}
        </Form.Item>
        <Form.Item
          name="frontLineFen"
          label={t('orgs.fund.col.frontLine')}
          dependencies={['educationFundFen']}
          rules={[
            { required: true, whitespace: true, message: t('orgs.fund.amountRequired') },
            yuanRule,
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) => {
                const front = parseYuanToFen(v);
                const total = parseYuanToFen(getFieldValue('educationFundFen') as string | undefined);
                return front === null || total === null || front <= total
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orgs.fund.frontLineExceeds')));
              },
            }),
          ]}
        >
          {amountInput('fund-front-line')}
        </Form.Item>
      </Form>
    </Modal>
  );
}
