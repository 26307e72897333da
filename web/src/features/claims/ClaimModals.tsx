import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Descriptions, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useLocale, useT } from '../../i18n';
import { errorText, isApiError, post } from '../../app/api';
import { formatFen } from '../../app/format';
import { showFormErrors } from '../../app/formErrors';
import { claimPath, newIdempotencyKey, sumBy, useClaimAction, useInvalidateMoney } from './api';
import { claimActionLabel, FundName, paymentKindLabel } from './labels';
import type { LineView, TraineeGroup } from './TraineeLines';
import type { ClaimAction, ClaimSummary, ClaimView, Objection } from './types';

const REASON_HINTS: Partial<Record<ClaimAction, 'claim.reasons.returnHint' | 'claim.reasons.rejectHint'>> = {
  county_return: 'claim.reasons.returnHint',
  city_return: 'claim.reasons.returnHint',
  reject: 'claim.reasons.rejectHint',
};

/** 退回 / 不予补贴 with reasons (needsReasons). */
export function ClaimReasonsModal({ claim, action, onClose }: { claim: ClaimSummary; action: ClaimAction | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reasons: string }>();
  const act = useClaimAction(claim.id);
  const label = action ? claimActionLabel(t, action) : '';
  const hint = action ? REASON_HINTS[action] : undefined;
  return (
    <Modal
      open={action !== null}
      title={t('claim.reasons.title', { action: label, name: claim.className })}
      okText={label || t('common.ok')}
      okButtonProps={{ danger: true, 'data-testid': 'claim-reasons-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {hint ? <Alert type="warning" showIcon title={t(hint)} style={{ margin: '16px 0' }} /> : null}
      <Form<{ reasons: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          action &&
          act.mutate(
            { action, reasons: v.reasons.trim() },
            {
              onSuccess: () => {
                message.success(t('claim.actionDone', { action: label }));
                onClose();
              },
              onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
            },
          )
        }
      >
        <Form.Item
          name="reasons"
          label={t('claim.reasons.label')}
          rules={[{ required: true, whitespace: true, message: t('claim.reasons.required') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('claim.reasons.placeholder')} data-testid="claim-reasons" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 拨付 (finance): the amounts by fund and payee, then one payment request. The idempotency key is made when the
 * dialog opens — one click of 拨付 — and every retry from this dialog sends the same key, so a request that timed
 * out but reached the server pays once. A new dialog is a new payment request.
 */
export function PayModal({ view, open, onClose }: { view: ClaimView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const act = useClaimAction(view.claim.id);
  // One key per opening of the dialog (one click of 拨付); retries from the dialog reuse it.
  const [key, setKey] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const reset = act.reset;
  useEffect(() => {
    if (!open) return;
    setKey(newIdempotencyKey());
    setFailure(null);
    reset();
  }, [open, reset]);

  const standing = view.lines.filter((l) => !l.refused);
  const byFund = [...sumBy(standing, (l) => l.fund, (l) => l.amountFen)];
  const toTrainees = standing.filter((l) => l.payeeKind === 'worker');
  const toTraineesFen = toTrainees.reduce((s, l) => s + l.amountFen, 0);
  const toOrgFen = standing.reduce((s, l) => s + l.amountFen, 0) - toTraineesFen;

  const pay = () =>
    act.mutate(
      { action: 'pay', idempotencyKey: key },
      {
        onSuccess: (r) => {
          message.success(r.replayed ? t('claim.pay.replayed', { voucher: r.voucher ?? '' }) : t('claim.pay.done', { voucher: r.voucher ?? '' }), 8);
          onClose();
        },
        onError: (error) => setFailure(error),
      },
    );

  const retryable = failure !== null && (!isApiError(failure) || failure.status === 0 || failure.status >= 500);

  return (
    <Modal
      open={open}
      width={560}
      title={t('claim.pay.title', { name: view.claim.className })}
      okText={failure ? (retryable ? t('claim.pay.retry') : t('claim.pay.again')) : t('claim.pay.ok', { amount: formatFen(view.claim.totalFen) })}
      okButtonProps={{ 'data-testid': 'claim-pay-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      onOk={pay}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        className="jn-pay-summary"
        items={[
          { key: 'org', label: t('claim.col.org'), children: view.claim.orgName },
          ...byFund.map(([fund, fen]) => ({
            key: `fund-${fund}`,
            label: <FundName code={fund} />,
            children: <span className="jn-mono">{formatFen(fen)}</span>,
          })),
          { key: 'toOrg', label: t('claim.pay.toOrg'), children: <span className="jn-mono">{formatFen(toOrgFen)}</span> },
          {
            key: 'toTrainees',
            label: t('claim.pay.toTrainees'),
            children: (
              <span>
                <span className="jn-mono">{formatFen(toTraineesFen)}</span>
                <Typography.Text type="secondary" className="jn-small">
                  {' '}
                  {t('claim.pay.traineesCount', { count: new Set(toTrainees.map((l) => l.workerId)).size })}
                </Typography.Text>
              </span>
            ),
          },
          { key: 'total', label: t('claim.pay.total'), children: <strong className="jn-mono">{formatFen(view.claim.totalFen)}</strong> },
        ]}
      />
      {failure ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={t('claim.pay.failed')}
          description={
            <>
              <div data-testid="claim-pay-error">{errorText(failure, locale, t)}</div>
              {retryable ? <div className="jn-small">{t('claim.pay.retryHint')}</div> : null}
            </>
          }
        />
      ) : null}
      <Typography.Paragraph type="secondary" className="jn-small" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('claim.pay.keyNote')} <span className="jn-mono" data-testid="claim-pay-key">{key}</span>
      </Typography.Paragraph>
    </Modal>
  );
}

/** 核减: refuse one line with a reason (county at first review, city during the announcement). */
export function RefuseLineModal({
  claimId,
  target,
  onClose,
}: {
  claimId: string;
  target: { line: LineView; group: TraineeGroup } | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const invalidate = useInvalidateMoney();
  const refuse = useMutation({
    mutationFn: (body: { lineId: string; reason: string }) =>
      post<{ totalFen: number }>(`${claimPath(claimId)}/lines/${encodeURIComponent(body.lineId)}/refuse`, { reason: body.reason }),
    onSuccess: () => void invalidate(),
  });
  return (
    <Modal
      open={target !== null}
      title={t('claim.refuseTitle')}
      okText={t('claim.refuse')}
      okButtonProps={{ danger: true, 'data-testid': 'line-refuse-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={refuse.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target ? (
        <Descriptions
          size="small"
          column={1}
          className="jn-approve-summary"
          items={[
            { key: 'who', label: t('claim.col.trainee'), children: `${target.group.name}（${target.group.idMasked}）` },
            { key: 'item', label: t('claim.col.item'), children: paymentKindLabel(t, target.line.kind) },
            { key: 'amount', label: t('claim.col.amount'), children: <span className="jn-mono">{formatFen(target.line.amountFen)}</span> },
            { key: 'basis', label: t('claim.col.basis'), children: locale === 'en' && target.line.basisEn ? target.line.basisEn : target.line.basis },
          ]}
        />
      ) : null}
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          target &&
          refuse.mutate(
            { lineId: target.line.id, reason: v.reason.trim() },
            {
              onSuccess: (r) => {
                message.success(t('claim.refuseDone', { total: formatFen(r.totalFen) }));
                onClose();
              },
              onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('claim.refuseReason')}
          extra={t('claim.refuseHint')}
          rules={[{ required: true, whitespace: true, message: t('claim.refuseRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('claim.refusePlaceholder')} data-testid="line-refuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 答复异议 (county or city office): the answer, and whether the objection was founded. */
export function AnswerForm({ claimId, objection, onDone }: { claimId: string; objection: Objection; onDone?: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ answer: string; upheld: boolean }>();
  const invalidate = useInvalidateMoney();
  const answer = useMutation({
    mutationFn: (body: { answer: string; upheld: boolean }) =>
      post<null>(`${claimPath(claimId)}/objections/${encodeURIComponent(objection.id)}/answer`, body),
    onSuccess: () => void invalidate(),
  });
  return (
    <Form<{ answer: string; upheld: boolean }>
      form={form}
      layout="vertical"
      className="jn-answer-form"
      initialValues={{ upheld: false }}
      onFinish={(v) =>
        answer.mutate(
          { answer: v.answer.trim(), upheld: v.upheld },
          {
            onSuccess: () => {
              message.success(t('claim.objection.answered'));
              onDone?.();
            },
            onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
          },
        )
      }
    >
      <Form.Item name="answer" label={t('claim.objection.answer')} rules={[{ required: true, whitespace: true, message: t('claim.objection.answerRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('claim.objection.answerPlaceholder')} data-testid="objection-answer" />
      </Form.Item>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Form.Item name="upheld" label={t('claim.objection.finding')} style={{ marginBottom: 0 }}>
          <Radio.Group
            options={[
              { value: false, label: t('claim.objection.unfounded') },
              { value: true, label: t('claim.objection.founded') },
            ]}
            data-testid="objection-upheld"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="objection-answer-submit">
          {t('claim.objection.submit')}
        </Button>
      </Flex>
    </Form>
  );
}

