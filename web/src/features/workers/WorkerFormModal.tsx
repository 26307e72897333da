import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Col, DatePicker, Divider, Empty, Flex, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT, type Translate } from '../../i18n';
import { patch, post } from '../../app/api';
import { useMe } from '../../app/auth';
import { showFormErrors } from '../../app/formErrors';
import { beijingToday } from '../../app/format';
import { ownReportingUnit, UnitField } from '../../app/units';
import type { Education, WorkerDetail } from '../../app/types';
import { OrgSearchSelect } from '../organisations/OrgSearchSelect';
import { archiveKey, ENTERPRISE_EMPLOYEE, ID_NUMBER_PATTERN, PHONE_PATTERN, TOWNSHIP_PATTERN } from './api';
import { CategorySelect, educationOptions } from './labels';

type CategoryRow = { code?: string; validFrom?: Dayjs | null; validTo?: Dayjs | null; employerOrgId?: string };

type Values = {
  name: string;
  idNumber?: string;
  phone?: string;
  unitCode?: string;
  townshipCode?: string;
  education?: Education;
  disability?: boolean;
  categories?: CategoryRow[];
};

type Registered = { id: string; warnings?: { field: string; code: string }[] };

const DATE = 'YYYY-MM-DD';
const KNOWN_WARNINGS = ['ID_LEGACY_CONVERTED', 'ID_ADDRESS_CODE_UNKNOWN'] as const;

function warningText(t: Translate, code: string): string {
  const known = KNOWN_WARNINGS.find((k) => k === code);
  return known ? t(`workers.warning.${known}`) : t('workers.warning.other', { code });
}

const trimmed = (v: string | undefined) => v?.trim() ?? '';

/**
 * 登记劳动者 (POST /api/workers) or 编辑 (PATCH /api/workers/:id, `worker` given). The client checks only the
 * shape of the ID and phone numbers; every real check is the server's, and its problems show under the fields.
 */
export function WorkerFormModal({
  open,
  onClose,
  worker,
}: {
  open: boolean;
  onClose: () => void;
  /** Edit this worker; absent = register a new one. */
  worker?: WorkerDetail;
}) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const categories = Form.useWatch('categories', form);
  const editing = Boolean(worker);

  const initialValues: Partial<Values> = worker
    ? {
        name: worker.name,
        unitCode: worker.unitCode,
        townshipCode: worker.townshipCode ?? undefined,
        education: (worker.education as Education | null) ?? undefined,
        disability: worker.disability ?? undefined,
      }
    : { unitCode: ownReportingUnit(me.unitCode), categories: [] };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Registered | null> => {
      if (worker) {
        const body: Record<string, unknown> = {};
        if (trimmed(values.name) !== worker.name) body.name = trimmed(values.name);
        if (trimmed(values.phone)) body.phone = trimmed(values.phone);
        if (values.unitCode && values.unitCode !== worker.unitCode) body.unitCode = values.unitCode;
        if (trimmed(values.townshipCode) !== (worker.townshipCode ?? '')) body.townshipCode = trimmed(values.townshipCode);
        if (values.education && values.education !== worker.education) body.education = values.education;
        if (values.disability !== undefined && values.disability !== worker.disability) body.disability = values.disability;
        if (Object.keys(body).length === 0) return null;
        await patch<void>(`/api/workers/${encodeURIComponent(worker.id)}`, body);
        return { id: worker.id };
      }
      return post<Registered>('/api/workers', {
        name: trimmed(values.name),
        idNumber: trimmed(values.idNumber).toUpperCase(),
        ...(trimmed(values.phone) ? { phone: trimmed(values.phone) } : {}),
        unitCode: values.unitCode,
        ...(trimmed(values.townshipCode) ? { townshipCode: trimmed(values.townshipCode) } : {}),
        ...(values.education ? { education: values.education } : {}),
        ...(values.disability !== undefined ? { disability: values.disability } : {}),
        ...(values.categories?.length
          ? {
              categories: values.categories.map((c) => ({
                code: c.code,
                validFrom: c.validFrom?.format(DATE),
                validTo: c.validTo ? c.validTo.format(DATE) : null,
                ...(c.code === ENTERPRISE_EMPLOYEE && c.employerOrgId ? { employerOrgId: c.employerOrgId } : {}),
              })),
            }
          : {}),
      });
    },
    onSuccess: async (result) => {
      if (worker) {
        if (result) await queryClient.invalidateQueries({ queryKey: archiveKey(worker.id) });
        onClose();
        if (result) message.success(t('workers.updated'));
        // Lists refresh in the background (a city-wide list can take a moment).
        void queryClient.invalidateQueries({ queryKey: ['workers', 'list'] });
        return;
      }
      onClose();
      void queryClient.invalidateQueries({ queryKey: ['workers', 'list'] });
      if (!result) return;
      message.success(t('workers.registered'));
      const warnings = result.warnings ?? [];
      if (warnings.length > 0) {
        message.warning(t('workers.registeredWithWarnings', { warnings: warnings.map((w) => warningText(t, w.code)).join('；') }), 8);
      }
      navigate(`/workers/${encodeURIComponent(result.id)}`);
    },
    // An overlap names the period (`categories.N`): show it under that row's start date.
    onError: (error) =>
      showFormErrors(form, error, locale, t, (text) => message.error(text), (field) =>
        /^categories\.\d+$/.test(field) ? `${field}.validFrom` : field,
      ),
  });

  return (
    <Modal
      open={open}
      title={editing ? t('workers.editTitle') : t('workers.registerTitle')}
      width={780}
      okText={editing ? t('common.save') : t('workers.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'worker-form-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        style={{ marginTop: 16 }}
        data-testid="worker-form"
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('workers.col.name')}
              rules={[{ required: true, whitespace: true, message: t('workers.form.nameRequired') }]}
            >
              <Input maxLength={30} autoComplete="off" data-testid="worker-name-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {editing ? (
              <Form.Item label={t('workers.col.idNumber')} extra={t('workers.form.idNumberReadonly')}>
                <Input value={worker?.idNumberMasked} disabled className="jn-mono" />
              </Form.Item>
            ) : (
              <Form.Item
                name="idNumber"
                label={t('workers.col.idNumber')}
                extra={t('workers.form.idNumberHint')}
                rules={[
                  { required: true, whitespace: true, message: t('workers.form.idRequired') },
                  {
                    validator: (_, v: string | undefined) =>
                      !v?.trim() || ID_NUMBER_PATTERN.test(v.trim())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('workers.form.idInvalid'))),
                  },
                ]}
              >
                <Input maxLength={18} autoComplete="off" className="jn-mono" data-testid="worker-id-input" />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={t('workers.col.phone')}
              extra={editing && worker?.phoneMasked ? t('workers.form.phoneKeep', { phone: worker.phoneMasked }) : undefined}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() || PHONE_PATTERN.test(v.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('workers.form.phoneInvalid'))),
                },
              ]}
            >
              <Input maxLength={11} inputMode="numeric" autoComplete="off" className="jn-mono" data-testid="worker-phone-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitCode"
              label={t('workers.col.unit')}
              rules={[{ required: true, message: t('workers.form.unitRequired') }]}
            >
              <UnitField testId="worker-unit-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="townshipCode"
              label={t('workers.col.townshipCode')}
              extra={editing && worker?.townshipName ? worker.townshipName : undefined}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() || TOWNSHIP_PATTERN.test(v.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('workers.form.townshipInvalid'))),
                },
              ]}
            >
              <Input
                maxLength={9}
                inputMode="numeric"
                placeholder={t('workers.form.townshipPlaceholder')}
                className="jn-mono"
                data-testid="worker-township-input"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="education" label={t('workers.col.education')}>
              <Select
                allowClear={!editing}
                placeholder={t('workers.form.educationPlaceholder')}
                options={educationOptions(t)}
                data-testid="worker-education-input"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="disability" label={t('workers.col.disability')}>
              <Radio.Group
                options={[
                  { value: false, label: t('common.no') },
                  { value: true, label: t('common.yes') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>

        {editing ? null : (
          <>
            <Divider titlePlacement="start" plain className="jn-form-divider">
              {t('workers.form.categories')}
            </Divider>
            <Form.List name="categories">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workers.form.noCategories')} className="jn-empty-tight" />
                  ) : null}
                  {fields.map((field) => {
                    const row = categories?.[field.name];
                    return (
                      <div key={field.key} className="jn-form-row">
                        <Row gutter={12} align="top">
                          <Col xs={24} md={9}>
                            <Form.Item
                              name={[field.name, 'code']}
                              label={t('archive.cat.col.category')}
                              rules={[{ required: true, message: t('workers.form.categoryRequired') }]}
                            >
                              <CategorySelect />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item
                              name={[field.name, 'validFrom']}
                              label={t('archive.cat.col.validFrom')}
                              rules={[{ required: true, message: t('workers.form.validFromRequired') }]}
                            >
                              <DatePicker style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={7}>
                            <Form.Item
                              name={[field.name, 'validTo']}
                              label={t('archive.cat.col.validTo')}
                              tooltip={t('archive.cat.validToHint')}
                            >
                              <DatePicker style={{ width: '100%' }} placeholder={t('archive.cat.openEnded')} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={2} className="jn-form-row-remove">
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('common.delete')}
                              onClick={() => remove(field.name)}
                            />
                          </Col>
                          {row?.code === ENTERPRISE_EMPLOYEE ? (
                            <Col xs={24} md={22}>
                              <Form.Item
                                name={[field.name, 'employerOrgId']}
                                label={t('archive.cat.col.employer')}
                                rules={[{ required: true, message: t('workers.form.employerRequired') }]}
                              >
                                <OrgSearchSelect kind="enterprise" />
                              </Form.Item>
                            </Col>
                          ) : null}
                        </Row>
                      </div>
                    );
                  })}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ validFrom: dayjs(beijingToday()), validTo: null })}
                    data-testid="worker-add-category"
                  >
                    {t('workers.form.addCategory')}
                  </Button>
                </Flex>
              )}
            </Form.List>
            <Typography.Paragraph type="secondary" className="jn-small" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('workers.form.serverChecks')}
            </Typography.Paragraph>
          </>
        )}
      </Form>
    </Modal>
  );
}
