import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useLocale, useT } from '../../i18n';
import { get, post } from '../../app/api';
import { showFormErrors } from '../../app/formErrors';
import { parseYuanToFen } from '../../app/format';
import { useOccupations, useRefName, useReferenceCodes } from '../../app/reference';
import type { Catalog, CatalogKind, OrgDetail } from '../../app/types';
import { OrgSearchSelect } from '../organisations/OrgSearchSelect';
import { levelLabel, levelOptions } from '../organisations/labels';
import { CATALOG_KINDS, catalogKindLabel, catalogKindLong, currentYear } from './labels';

type CreateValues = { kind: CatalogKind; year: number; title: string };

/**
 * 新建目录 (kind, year, title) → POST /api/catalogs; with `base` (a published version) it is 新建版本: kind and
 * year are those of the base and its entries are copied into the new draft. Opens the new draft on success.
 */
export function CreateCatalogModal({ open, base, onClose }: { open: boolean; base: Catalog | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  /** The title this modal suggested, replaced as kind or year change until the user edits it. */
  const autoTitle = useRef<string | null>(null);

  const defaultTitle = (kind: CatalogKind, year: number) =>
    t('catalog.titleDefault', { year, kind: catalogKindLong(t, kind) });

  useEffect(() => {
    if (!open) return;
    const kind = base?.kind ?? 'projects';
    const year = base?.year ?? currentYear();
    autoTitle.current = base ? null : defaultTitle(kind, year);
    form.setFieldsValue({ kind, year, title: base?.title ?? autoTitle.current ?? '' });
    // Only when the modal opens: later edits are the user's.
  }, [open, base]);

  const create = useMutation({
    mutationFn: (body: CreateValues & { basedOn?: string }) => post<{ id: string }>('/api/catalogs', body),
    onSuccess: async ({ id }) => {
      message.success(t('catalog.created'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['catalogs'] });
      navigate(`/catalogs/${encodeURIComponent(id)}`);
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  return (
    <Modal
      open={open}
      title={
        base
          ? t('catalog.newVersionTitle', { year: base.year, kind: catalogKindLabel(t, base.kind), version: base.version })
          : t('catalog.createTitle')
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'catalog-create-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {base ? <Alert type="info" showIcon title={t('catalog.newVersionHint')} style={{ marginTop: 16 }} /> : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ marginTop: 16 }}
        onValuesChange={(changed: Partial<CreateValues>, all) => {
          // Keep the suggested title in step with kind and year until the user types their own.
          if (base || !('kind' in changed || 'year' in changed) || !all.kind || !all.year) return;
          if (all.title && all.title !== autoTitle.current) return;
          autoTitle.current = defaultTitle(all.kind, all.year);
          form.setFieldValue('title', autoTitle.current);
        }}
        onFinish={(values) =>
          create.mutate({
            kind: values.kind,
            year: values.year,
            title: values.title.trim(),
            ...(base ? { basedOn: base.id } : {}),
          })
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={15}>
            <Form.Item name="kind" label={t('catalog.kind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                disabled={Boolean(base)}
                options={CATALOG_KINDS.map((k) => ({ value: k, label: catalogKindLabel(t, k) }))}
                data-testid="catalog-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={9}>
            <Form.Item name="year" label={t('catalog.year')} rules={[{ required: true, message: t('catalog.yearRequired') }]}>
              <InputNumber
                min={2019}
                max={2100}
                precision={0}
                disabled={Boolean(base)}
                style={{ width: '100%' }}
                data-testid="catalog-year"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('catalog.titleLabel')}
          rules={[
            { required: true, whitespace: true, message: t('catalog.titleRequired') },
            { min: 2, max: 100, message: t('catalog.titleRule') },
          ]}
        >
          <Input maxLength={100} showCount data-testid="catalog-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ProjectValues = {
  occupationCode: string;
  levelCode: string;
  trainingType: string;
  standardHours: number;
  subsidyFen: string;
  teachingPlanRef: string;
  syllabusRef: string;
};

/** 添加项目 → POST /api/catalogs/:id/projects; the subsidy is typed in yuan and sent as integer fen. */
export function AddProjectModal({ catalogId, open, onClose }: { catalogId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProjectValues>();
  const occupations = useOccupations();
  const codes = useReferenceCodes();
  const refName = useRefName();

  const add = useMutation({
    mutationFn: (body: Omit<ProjectValues, 'subsidyFen'> & { subsidyFen: number }) =>
      post<{ id: string }>(`/api/catalogs/${encodeURIComponent(catalogId)}/projects`, body),
    onSuccess: async () => {
      message.success(t('catalog.projectAdded'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['catalogs'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  const yuanRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v?.trim() || parseYuanToFen(v) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t('catalog.field.subsidyInvalid'))),
  };

  return (
    <Modal
      open={open}
      title={t('catalog.addProjectTitle')}
      width={640}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'catalog-project-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ProjectValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ marginTop: 16 }}
        onFinish={(values) => {
          const subsidyFen = parseYuanToFen(values.subsidyFen);
          if (subsidyFen === null) return;
          add.mutate({
            occupationCode: values.occupationCode,
            levelCode: values.levelCode,
            trainingType: values.trainingType,
            standardHours: values.standardHours,
            teachingPlanRef: values.teachingPlanRef.trim(),
            syllabusRef: values.syllabusRef.trim(),
            subsidyFen,
          });
        }}
      >
        <Form.Item
          name="occupationCode"
          label={t('catalog.field.occupation')}
          rules={[{ required: true, message: t('catalog.field.occupationRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={occupations.isLoading}
            placeholder={t('catalog.field.occupationPlaceholder')}
            options={(occupations.data ?? [])
              .filter((o) => o.active)
              .map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
            data-testid="catalog-project-occupation"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="levelCode"
              label={t('catalog.field.level')}
              rules={[{ required: true, message: t('catalog.field.levelRequired') }]}
            >
              <Select options={levelOptions(t)} data-testid="catalog-project-level" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="trainingType"
              label={t('catalog.field.trainingType')}
              rules={[{ required: true, message: t('catalog.field.trainingTypeRequired') }]}
            >
              <Select
                loading={codes.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(codes.data?.trainingTypes ?? []).map((c) => ({ value: c.code, label: refName(c) }))}
                data-testid="catalog-project-type"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="standardHours"
              label={t('catalog.field.hours')}
              rules={[{ required: true, message: t('catalog.field.hoursRequired') }]}
            >
              <InputNumber
                min={1}
                max={10000}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('catalog.field.hoursUnit')}
                data-testid="catalog-project-hours"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="subsidyFen"
              label={t('catalog.field.subsidy')}
              rules={[{ required: true, whitespace: true, message: t('catalog.field.subsidyRequired') }, yuanRule]}
            >
              <Input
                prefix="¥"
                suffix={t('catalog.field.yuanPerPerson')}
                inputMode="decimal"
                className="jn-mono"
                placeholder="1000.00"
                data-testid="catalog-project-subsidy"
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" className="jn-small jn-catalog-hint">
          {t('catalog.field.subsidyHint')}
        </Typography.Paragraph>
        <Form.Item
          name="teachingPlanRef"
          label={t('catalog.field.teachingPlan')}
          rules={[{ required: true, whitespace: true, message: t('catalog.field.teachingPlanRequired') }]}
        >
          <Input maxLength={200} placeholder={t('catalog.field.teachingPlanPlaceholder')} data-testid="catalog-project-plan" />
        </Form.Item>
        <Form.Item
          name="syllabusRef"
          label={t('catalog.field.syllabus')}
          rules={[{ required: true, whitespace: true, message: t('catalog.field.syllabusRequired') }]}
        >
          <Input maxLength={200} placeholder={t('catalog.field.syllabusPlaceholder')} data-testid="catalog-project-syllabus" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type InstitutionValues = { orgId: string; occupationCode: string; levelCode: string };

/**
 * 添加 an institution listing → POST /api/catalogs/:id/institutions. Once an institution is picked, the
 * occupation and level choices narrow to its licences (the server requires it to be licensed for them).
 */
export function AddInstitutionModal({ catalogId, open, onClose }: { catalogId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InstitutionValues>();
  const orgId = Form.useWatch('orgId', form);
  const occupationCode = Form.useWatch('occupationCode', form);

  const org = useQuery({
    queryKey: ['organisations', 'detail', orgId],
    queryFn: ({ signal }) => get<{ organisation: OrgDetail }>(`/api/organisations/${encodeURIComponent(orgId ?? '')}`, signal),
    select: (body) => body.organisation,
    enabled: Boolean(orgId),
  });
  const licences = org.data?.licences ?? [];
  const licence = licences.find((l) => l.occupationCode === occupationCode);

  const add = useMutation({
    mutationFn: (body: InstitutionValues) =>
      post<unknown>(`/api/catalogs/${encodeURIComponent(catalogId)}/institutions`, body),
    onSuccess: async () => {
      message.success(t('catalog.institutionAdded'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['catalogs'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  return (
    <Modal
      open={open}
      title={t('catalog.addInstitutionTitle')}
      width={600}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'catalog-institution-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<InstitutionValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ marginTop: 16 }}
        onValuesChange={(changed: Partial<InstitutionValues>) => {
          if ('orgId' in changed) form.setFieldsValue({ occupationCode: undefined, levelCode: undefined });
          else if ('occupationCode' in changed) form.setFieldValue('levelCode', undefined);
        }}
        onFinish={(values) => add.mutate(values)}
      >
        <Form.Item
          name="orgId"
          label={t('catalog.field.institution')}
          rules={[{ required: true, message: t('catalog.field.institutionRequired') }]}
          extra={
            orgId && org.data && licences.length === 0 ? (
              <Typography.Text type="warning">{t('catalog.field.noLicence')}</Typography.Text>
            ) : (
              t('catalog.field.licensedOnly')
            )
          }
        >
          <OrgSearchSelect kind="institution" testId="catalog-institution-org" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="occupationCode"
              label={t('catalog.field.occupation')}
              rules={[{ required: true, message: t('catalog.field.occupationRequired') }]}
            >
              <Select
                disabled={!orgId}
                loading={org.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                options={licences.map((l) => ({
                  value: l.occupationCode,
                  label: `${l.occupationCode} ${l.occupationName ?? ''}`.trim(),
                }))}
                data-testid="catalog-institution-occupation"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="levelCode"
              label={t('catalog.field.level')}
              rules={[{ required: true, message: t('catalog.field.levelRequired') }]}
            >
              <Select
                disabled={!licence}
                options={(licence?.levels ?? []).map((l) => ({ value: l, label: levelLabel(t, l) }))}
                data-testid="catalog-institution-level"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 退回 with a required reason → POST /api/catalogs/:id/transition { action: 'return', reason }. */
export function ReturnModal({
  catalog,
  open,
  onClose,
}: {
  catalog: Pick<Catalog, 'id' | 'title'>;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();

  const send = useMutation({
    mutationFn: (reason: string) =>
      post<unknown>(`/api/catalogs/${encodeURIComponent(catalog.id)}/transition`, { action: 'return', reason }),
    onSuccess: async () => {
      message.success(t('catalog.returned'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['catalogs'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text)),
  });

  return (
    <Modal
      open={open}
      title={t('catalog.returnTitle', { title: catalog.title })}
      okText={t('catalog.action.return')}
      okButtonProps={{ danger: true, 'data-testid': 'catalog-return-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('catalog.returnHint')} style={{ margin: '16px 0' }} />
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => send.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('catalog.returnReason')}
          rules={[{ required: true, whitespace: true, message: t('catalog.returnReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="catalog-return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
