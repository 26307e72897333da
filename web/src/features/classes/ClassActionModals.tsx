import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Descriptions, Empty, Form, Input, Modal, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useLocale, useT } from '../../i18n';
import { post } from '../../app/api';
import { useMe } from '../../app/auth';
import { showFormErrors } from '../../app/formErrors';
import { classPath, useEvaluators } from './api';
import { classActionLabel } from './labels';
import type { ClassAction, ClassDetail } from './types';

type ActionBody = { action: ClassAction; reasons?: string; evaluatorOrgId?: string; projectReviewNote?: string };

export function useClassAction(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) => post<{ status?: string } | null>(`${classPath(classId)}/actions`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
      await queryClient.invalidateQueries({ queryKey: ['manual-marks'] });
    },
  });
}

const REASON_HINTS: Partial<Record<ClassAction, 'class.reasons.returnHint' | 'class.reasons.cancelHint'>> = {
  return: 'class.reasons.returnHint',
  cancel: 'class.reasons.cancelHint',
};

/** 退回 / 撤销 with reasons (needsReasons). */
export function ReasonsModal({
  cls,
  action,
  onClose,
}: {
  cls: Pick<ClassDetail, 'id' | 'name'>;
  action: ClassAction | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reasons: string }>();
  const act = useClassAction(cls.id);
  const label = action ? classActionLabel(t, action) : '';
  const hint = action ? REASON_HINTS[action] : undefined;

  return (
    <Modal
      open={action !== null}
      title={t('class.reasons.title', { action: label, name: cls.name })}
      okText={label || t('common.ok')}
      okButtonProps={{ danger: true, 'data-testid': 'class-reasons-submit' } as ButtonProps}
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
                message.success(t('class.actionDone', { action: label }));
                onClose();
              },
              onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
            },
          )
        }
      >
        <Form.Item
          name="reasons"
          label={t('class.reasons.label')}
          rules={[{ required: true, whitespace: true, message: t('class.reasons.required') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('class.reasons.placeholder')} data-testid="class-reasons" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ApproveValues = { evaluatorOrgId?: string; projectReviewNote?: string };

/** 审核通过: assign the evaluation body; for a project outside the catalog, the review opinion (§7). */
export function ApproveModal({ cls, open, onClose }: { cls: ClassDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ApproveValues>();
  const act = useClassAction(cls.id);
  const year = Number((cls.startDate || '').slice(0, 4)) || undefined;
  const evaluators = useEvaluators(year, me.actions.includes('org.read'));
  const options = evaluators.options.map((o) => ({ value: o.id, label: o.unitName ? `${o.name}（${o.unitName}）` : o.name }));
  if (cls.evaluatorOrgId && !options.some((o) => o.value === cls.evaluatorOrgId)) {
    options.unshift({ value: cls.evaluatorOrgId, label: cls.evaluatorOrgName ?? cls.evaluatorOrgId });
  }

  return (
    <Modal
      open={open}
      width={600}
      title={t('class.approve.title', { name: cls.name })}
      okText={t('class.action.approve')}
      okButtonProps={{ 'data-testid': 'class-approve-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        className="jn-approve-summary"
        items={[
          { key: 'org', label: t('class.col.org'), children: cls.orgName },
          {
            key: 'project',
            label: t('class.col.project'),
            children: `${cls.occupationName ?? cls.occupationCode}（${cls.levelName ?? cls.levelCode}）${cls.trainingTypeName ?? ''}`,
          },
          { key: 'dates', label: t('class.col.dates'), children: `${cls.startDate} – ${cls.endDate}` },
        ]}
      />
      {!cls.inCatalog ? (
        <Alert
          type="warning"
          showIcon
          title={t('class.approve.outsideTitle')}
          description={t('class.approve.outsideHint')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<ApproveValues>
        form={form}
        layout="vertical"
        initialValues={{ evaluatorOrgId: cls.evaluatorOrgId ?? undefined }}
        onFinish={(v) =>
          act.mutate(
            {
              action: 'approve',
              ...(v.evaluatorOrgId ? { evaluatorOrgId: v.evaluatorOrgId } : {}),
              ...(v.projectReviewNote?.trim() ? { projectReviewNote: v.projectReviewNote.trim() } : {}),
            },
            {
              onSuccess: () => {
                message.success(t('class.approve.done'));
                onClose();
              },
              onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
            },
          )
        }
      >
        <Form.Item
          name="evaluatorOrgId"
          label={t('class.field.evaluator')}
          extra={t('class.approve.evaluatorHint')}
          rules={[{ required: true, message: t('class.approve.evaluatorRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={evaluators.isLoading}
            placeholder={t('class.form.evaluatorPlaceholder')}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.form.noEvaluators')} />}
            options={options}
            data-testid="class-approve-evaluator"
          />
        </Form.Item>
        {!cls.inCatalog ? (
          <Form.Item
            name="projectReviewNote"
            label={t('class.approve.reviewNote')}
            rules={[{ required: true, whitespace: true, message: t('class.approve.reviewNoteRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('class.approve.reviewNotePlaceholder')} data-testid="class-approve-note" />
          </Form.Item>
        ) : null}
      </Form>
      <Typography.Text type="secondary" className="jn-small">
        {t('class.approve.auditNote')}
      </Typography.Text>
    </Modal>
  );
}
