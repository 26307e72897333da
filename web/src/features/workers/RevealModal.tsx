import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { post } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import type { RevealField } from '../../app/types';

/** The server's minimum too (REVEAL_REASON_REQUIRED); counted in characters, not bytes. */
export const REVEAL_REASON_MIN = 4;

/**
 * PIPL: a full ID or phone number is shown only with a stated reason, and every view is written to the audit
 * trail (POST /api/workers/:id/reveal). The value goes back to the caller for this page view only.
 */
export function RevealModal({
  workerId,
  field,
  onClose,
  onRevealed,
}: {
  workerId: string;
  /** The number to reveal; null = closed. */
  field: RevealField | null;
  onClose: () => void;
  onRevealed: (field: RevealField, value: string | null) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();

  const reveal = useMutation({
    mutationFn: ({ field: f, reason }: { field: RevealField; reason: string }) =>
      post<{ value: string | null }>(`/api/workers/${encodeURIComponent(workerId)}/reveal`, { field: f, reason }),
    onSuccess: (result, { field: f }) => {
      onRevealed(f, result.value);
      onClose();
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  const fieldName = field ? t(`reveal.field.${field}`) : '';

  return (
    <Modal
      open={field !== null}
      title={t('reveal.title', { field: fieldName })}
      okText={t('reveal.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={reveal.isPending}
      okButtonProps={{ 'data-testid': 'reveal-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('reveal.noticeTitle')}
        description={t('reveal.notice')}
        style={{ margin: '16px 0' }}
      />
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={(values) => field && reveal.mutate({ field, reason: values.reason.trim() })}
      >
        <Form.Item
          name="reason"
          label={t('reveal.reason')}
          rules={[
            { required: true, whitespace: true, message: t('reveal.reasonRequired') },
            {
              validator: (_, v: string | undefined) =>
                !v?.trim() || [...v.trim()].length >= REVEAL_REASON_MIN
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('reveal.reasonMin', { min: REVEAL_REASON_MIN }))),
            },
          ]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('reveal.reasonPlaceholder')}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
