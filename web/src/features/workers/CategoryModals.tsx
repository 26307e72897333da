import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, DatePicker, Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../i18n';
import { post } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import { beijingToday } from '../../app/format';
import { useRefName } from '../../app/reference';
import type { CategoryPeriod } from '../../app/types';
import { OrgSearchSelect } from '../organisations/OrgSearchSelect';
import { archiveKey, ENTERPRISE_EMPLOYEE } from './api';
import { CategorySelect } from './labels';

const DATE = 'YYYY-MM-DD';

type AddValues = { code?: string; validFrom?: Dayjs; validTo?: Dayjs | null; employerOrgId?: string };

/** 添加类别: POST /api/workers/:id/categories (periods of one category may not overlap; the server checks). */
export function AddCategoryModal({ workerId, open, onClose }: { workerId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AddValues>();
  const code = Form.useWatch('code', form);

  const add = useMutation({
    mutationFn: (values: AddValues) =>
      post<{ id: string }>(`/api/workers/${encodeURIComponent(workerId)}/categories`, {
        code: values.code,
        validFrom: values.validFrom?.format(DATE),
        validTo: values.validTo ? values.validTo.format(DATE) : null,
        ...(values.code === ENTERPRISE_EMPLOYEE && values.employerOrgId ? { employerOrgId: values.employerOrgId } : {}),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: archiveKey(workerId) });
      message.success(t('archive.cat.added'));
      onClose();
      void queryClient.invalidateQueries({ queryKey: ['workers', 'list'] });
    },
    // An overlap names the period (`categories.N`): show it under the start date.
    onError: (error) =>
      showFormErrors(form, error, locale, t, (text) => message.error(text), (field) =>
        /^categories\.\d+$/.test(field) ? 'validFrom' : field.replace(/^categories\.\d+\./, ''),
      ),
  });

  return (
    <Modal
      open={open}
      title={t('archive.cat.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'category-add-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<AddValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ validFrom: dayjs(beijingToday()), validTo: null }}
        onFinish={(values) => add.mutate(values)}
      >
        <Form.Item
          name="code"
          label={t('archive.cat.col.category')}
          rules={[{ required: true, message: t('workers.form.categoryRequired') }]}
        >
          <CategorySelect testId="category-code" />
        </Form.Item>
        {code === ENTERPRISE_EMPLOYEE ? (
          <Form.Item
            name="employerOrgId"
            label={t('archive.cat.col.employer')}
            rules={[{ required: true, message: t('workers.form.employerRequired') }]}
          >
            <OrgSearchSelect kind="enterprise" testId="category-employer" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="validFrom"
          label={t('archive.cat.col.validFrom')}
          rules={[{ required: true, message: t('workers.form.validFromRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="category-valid-from" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('archive.cat.col.validTo')}
          extra={t('archive.cat.validToHint')}
          dependencies={['validFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null | undefined) => {
                const from = getFieldValue('validFrom') as Dayjs | undefined;
                return !v || !from || !v.isBefore(from, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('archive.cat.reversed')));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} placeholder={t('archive.cat.openEnded')} data-testid="category-valid-to" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 结束: POST /api/workers/:id/categories/:periodId/end — the period stays on record, closed on `validTo`. */
export function EndCategoryModal({
  workerId,
  period,
  onClose,
}: {
  workerId: string;
  /** The period to end; null = closed. */
  period: CategoryPeriod | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const refName = useRefName();
  const [form] = Form.useForm<{ validTo?: Dayjs }>();

  const end = useMutation({
    mutationFn: ({ id, validTo }: { id: string; validTo: string }) =>
      post<void>(`/api/workers/${encodeURIComponent(workerId)}/categories/${encodeURIComponent(id)}/end`, { validTo }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: archiveKey(workerId) });
      message.success(t('archive.cat.endedMessage'));
      onClose();
      void queryClient.invalidateQueries({ queryKey: ['workers', 'list'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  const today = dayjs(beijingToday());
  const from = period ? dayjs(period.validFrom) : today;

  return (
    <Modal
      open={period !== null}
      title={period ? t('archive.cat.endTitle', { name: refName(period) }) : ''}
      okText={t('archive.cat.end')}
      cancelText={t('common.cancel')}
      confirmLoading={end.isPending}
      okButtonProps={{ 'data-testid': 'category-end-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('archive.cat.endHint')} style={{ margin: '16px 0' }} />
      <Form<{ validTo?: Dayjs }>
        form={form}
        layout="vertical"
        initialValues={{ validTo: from.isAfter(today) ? from : today }}
        onFinish={(values) => period && values.validTo && end.mutate({ id: period.id, validTo: values.validTo.format(DATE) })}
      >
        <Form.Item
          name="validTo"
          label={t('archive.cat.col.validTo')}
          rules={[{ required: true, message: t('archive.cat.validToRequired') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(from, 'day')}
            data-testid="category-end-date"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
