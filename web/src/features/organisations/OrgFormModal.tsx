import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Col, Divider, Flex, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { post, put } from '../../app/api';
import { useMe } from '../../app/auth';
import { showFormErrors } from '../../app/formErrors';
import { useOccupations } from '../../app/reference';
import { ownReportingUnit, UnitField } from '../../app/units';
import type { OrgDetail, OrgKind } from '../../app/types';
import { INSTITUTION_KIND_CODES, institutionKindLabel, levelOptions } from './labels';

/** `phoneMasked` rides along in edit mode only, to show which number a row had (the server never returns it whole). */
type Contact = { name?: string; phone?: string; phoneMasked?: string | null };
type Licence = { occupationCode?: string; levels?: string[] };
type Values = {
  name: string;
  creditCode: string;
  institutionKind?: string;
  unitCode?: string;
  capacity?: number | null;
  industry?: string;
  employees?: number | null;
  contacts: Contact[];
  licensedOccupations?: Licence[];
};

/** Shape only (18 characters of digits and capital letters); the check character is the server's job. */
const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** Mobile, or a landline with its area code (0359-1234567). */
const CONTACT_PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

const trim = (v: string | undefined) => v?.trim() ?? '';

/** The form's starting values when editing `org`: contact phones come back masked, so only names are filled. */
function editValues(org: OrgDetail): Partial<Values> {
  return {
    name: org.name,
    creditCode: org.creditCode,
    unitCode: org.unitCode,
    ...(org.kind === 'institution'
      ? {
          institutionKind: org.institutionKind ?? undefined,
          capacity: org.capacity,
          licensedOccupations: org.licences.map((l) => ({ occupationCode: l.occupationCode, levels: [...l.levels] })),
        }
      : { industry: org.industry ?? '', employees: org.employees }),
    contacts:
      org.contacts.length > 0 ? org.contacts.map((c) => ({ name: c.name, phoneMasked: c.phoneMasked })) : [{}],
  };
}

/**
 * 新增培训机构 / 新增企业: POST /api/organisations. Given `org`, the same form edits it instead (PUT
 * /api/organisations/:id): the credit code is read-only and every contact phone must be typed again.
 * The server's problems show under their fields.
 */
export function OrgFormModal({
  kind,
  org,
  open,
  onClose,
}: {
  kind: OrgKind;
  org?: OrgDetail;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const occupations = useOccupations();
  const isInstitution = kind === 'institution';
  const editing = Boolean(org);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const contacts = values.contacts.map((c) => ({ name: trim(c.name), phone: trim(c.phone) }));
      const common = {
        name: trim(values.name),
        creditCode: org ? org.creditCode : trim(values.creditCode).toUpperCase(),
        unitCode: values.unitCode,
        contacts,
      };
      const body = isInstitution
        ? {
            kind,
            ...common,
            institutionKind: values.institutionKind,
            ...(values.capacity !== null && values.capacity !== undefined ? { capacity: values.capacity } : {}),
            ...(values.licensedOccupations?.length
              ? {
                  licensedOccupations: values.licensedOccupations.map((l) => ({
                    occupationCode: l.occupationCode,
                    levels: l.levels ?? [],
                  })),
                }
              : {}),
          }
        : {
            kind,
            ...common,
            industry: trim(values.industry),
            ...(values.employees !== null && values.employees !== undefined ? { employees: values.employees } : {}),
          };
      if (org) return put<undefined>(`/api/organisations/${encodeURIComponent(org.id)}`, body);
      return post<{ id?: string; organisation?: { id: string } }>('/api/organisations', body);
    },
    onSuccess: async (result) => {
      if (org) {
        message.success(t('orgs.updated'));
        onClose();
        // The detail page's query sits under this key too, so it refetches with the lists.
        await queryClient.invalidateQueries({ queryKey: ['organisations'] });
        return;
      }
      message.success(isInstitution ? t('orgs.createdInstitution') : t('orgs.createdEnterprise'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
      const id = result?.id ?? result?.organisation?.id;
      if (id) navigate(`/organisations/${encodeURIComponent(id)}`);
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  const activeCodes = new Set((occupations.data ?? []).filter((o) => o.active).map((o) => o.code));
  const occupationOptions = [
    ...(occupations.data ?? [])
      .filter((o) => o.active)
      .map((o) => ({ value: o.code, label: `${o.code} ${o.name}` })),
    // An occupation the org is already licensed for stays choosable when editing, even if no longer active.
    ...(org?.licences ?? [])
      .filter((l) => !activeCodes.has(l.occupationCode))
      .map((l) => ({ value: l.occupationCode, label: [l.occupationCode, l.occupationName].filter(Boolean).join(' ') })),
  ];

  const phonePlaceholder = (masked: unknown) =>
    typeof masked === 'string' && masked
      ? t('orgs.form.contactPhoneWas', { masked })
      : t('orgs.form.contactPhonePlaceholder');

  return (
    <Modal
      open={open}
      title={
        editing
          ? isInstitution
            ? t('orgs.editInstitution')
            : t('orgs.editEnterprise')
          : isInstitution
            ? t('orgs.createInstitution')
            : t('orgs.createEnterprise')
      }
      width={800}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'org-form-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={
          org ? editValues(org) : { unitCode: ownReportingUnit(me.unitCode), contacts: [{}], licensedOccupations: [] }
        }
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
        data-testid="org-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('orgs.col.name')}
              rules={[{ required: true, whitespace: true, message: t('orgs.form.nameRequired') }]}
            >
              <Input maxLength={100} autoComplete="off" data-testid="org-name-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('orgs.col.creditCode')}
              normalize={(v: string | undefined) => v?.toUpperCase()}
              tooltip={editing ? t('orgs.form.creditCodeFixed') : undefined}
              rules={
                editing
                  ? []
                  : [
                      { required: true, whitespace: true, message: t('orgs.form.creditCodeRequired') },
                      {
                        validator: (_, v: string | undefined) =>
                          !v?.trim() || CREDIT_CODE_PATTERN.test(v.trim())
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('orgs.form.creditCodeInvalid'))),
                      },
                    ]
              }
            >
              <Input
                maxLength={18}
                autoComplete="off"
                className="jn-mono"
                readOnly={editing}
                variant={editing ? 'filled' : undefined}
                data-testid="org-credit-code-input"
              />
            </Form.Item>
          </Col>
          {isInstitution ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="institutionKind"
                label={t('orgs.col.institutionKind')}
                rules={[{ required: true, message: t('orgs.form.institutionKindRequired') }]}
              >
                <Select
                  placeholder={t('orgs.form.institutionKindPlaceholder')}
                  options={INSTITUTION_KIND_CODES.map((k) => ({ value: k, label: institutionKindLabel(t, k) }))}
                  data-testid="org-institution-kind-input"
                />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} md={12}>
              <Form.Item
                name="industry"
                label={t('orgs.col.industry')}
                tooltip={t('orgs.form.industryHint')}
                rules={[{ required: true, whitespace: true, message: t('orgs.form.industryRequired') }]}
              >
                <Input maxLength={100} placeholder={t('orgs.form.industryPlaceholder')} data-testid="org-industry-input" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="unitCode"
              label={t('orgs.col.unit')}
              rules={[{ required: true, message: t('orgs.form.unitRequired') }]}
            >
              <UnitField testId="org-unit-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {isInstitution ? (
              <Form.Item name="capacity" label={t('orgs.col.capacity')}>
                <InputNumber
                  min={0}
                  precision={0}
                  style={{ width: '100%' }}
                  placeholder={t('orgs.form.capacityPlaceholder')}
                  suffix={t('orgs.form.peopleSuffix')}
                />
              </Form.Item>
            ) : (
              <Form.Item name="employees" label={t('orgs.col.employees')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={t('orgs.form.peopleSuffix')} />
              </Form.Item>
            )}
          </Col>
        </Row>

        <Divider titlePlacement="start" plain className="jn-form-divider">
          {t('orgs.detail.contacts')}
        </Divider>
        <Form.List
          name="contacts"
          rules={[
            {
              validator: (_, list: Contact[] | undefined) =>
                list && list.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('orgs.form.contactsRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Row key={field.key} gutter={12} align="top">
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={field.name === 0 ? t('orgs.form.contactName') : undefined}
                      rules={[{ required: true, whitespace: true, message: t('orgs.form.contactNameRequired') }]}
                    >
                      <Input maxLength={30} placeholder={t('orgs.form.contactName')} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={12}>
                    <Form.Item
                      name={[field.name, 'phone']}
                      label={field.name === 0 ? t('orgs.form.contactPhone') : undefined}
                      extra={editing && field.name === 0 ? t('orgs.form.contactPhoneReenter') : undefined}
                      rules={[
                        { required: true, whitespace: true, message: t('orgs.form.contactPhoneRequired') },
                        {
                          validator: (_, v: string | undefined) =>
                            !v?.trim() || CONTACT_PHONE_PATTERN.test(v.trim())
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('orgs.form.contactPhoneInvalid'))),
                        },
                      ]}
                    >
                      <Input
                        maxLength={20}
                        className="jn-mono"
                        placeholder={phonePlaceholder(form.getFieldValue(['contacts', field.name, 'phoneMasked']))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2} className={field.name === 0 ? 'jn-form-row-remove' : undefined}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      aria-label={t('common.delete')}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 5}>
                {t('orgs.form.addContact')}
              </Button>
            </Flex>
          )}
        </Form.List>

        {isInstitution ? (
          <>
            <Divider titlePlacement="start" plain className="jn-form-divider">
              {t('orgs.detail.licences')}
            </Divider>
            <Form.List name="licensedOccupations">
              {(fields, { add, remove }) => (
                <Flex vertical gap={4}>
                  {fields.map((field) => (
                    <Row key={field.key} gutter={12} align="top">
                      <Col xs={24} md={12}>
                        <Form.Item
                          name={[field.name, 'occupationCode']}
                          label={field.name === 0 ? t('orgs.licence.occupation') : undefined}
                          rules={[{ required: true, message: t('orgs.form.occupationRequired') }]}
                        >
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            loading={occupations.isLoading}
                            placeholder={t('orgs.form.occupationPlaceholder')}
                            options={occupationOptions}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={10}>
                        <Form.Item
                          name={[field.name, 'levels']}
                          label={field.name === 0 ? t('orgs.licence.levels') : undefined}
                          rules={[{ required: true, type: 'array', min: 1, message: t('orgs.form.levelsRequired') }]}
                        >
                          <Select mode="multiple" placeholder={t('orgs.form.levelsPlaceholder')} options={levelOptions(t)} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2} className={field.name === 0 ? 'jn-form-row-remove' : undefined}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => remove(field.name)}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ levels: [] })}>
                    {t('orgs.form.addLicence')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
