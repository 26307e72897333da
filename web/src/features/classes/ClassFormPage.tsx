import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popover,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import {
  AimOutlined,
  ArrowLeftOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  ThunderboltOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isNotFound, post, put } from '../../app/api';
import { useMe } from '../../app/auth';
import { showFormErrors } from '../../app/formErrors';
import { beijingToday, formatFen } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { useOccupations, useRefName, useReferenceCodes } from '../../app/reference';
import { LoadError, NotFoundResult } from '../../app/results';
import type { OrgDetail } from '../../app/types';
import { ownReportingUnit, UnitField } from '../../app/units';
import { levelLabel, levelOptions } from '../organisations/labels';
import { classPath, useClassView, useEvaluators, usePublishedCatalog } from './api';
import { DEPARTMENTS, FUNDING_ROUTES, dayOf, departmentLabel, fundingFits, fundingRouteLabel, problemMessage, timeOf } from './labels';
import type { ApiProblem, ClassDetail, ClassFilingBody, ClassSession } from './types';

type SessionRow = { date?: Dayjs; start?: Dayjs; end?: Dayjs };
type TeacherRow = { name?: string; qualification?: string };

type Values = {
  name: string;
  projectMode: 'catalog' | 'outside';
  catalogProjectId?: string;
  occupationCode?: string;
  levelCode?: string;
  trainingType?: string;
  standardHours?: number;
  unitCode?: string;
  venueAddress: string;
  lat?: number;
  lng?: number;
  startDate?: Dayjs;
  endDate?: Dayjs;
  sessions: SessionRow[];
  capacity?: number;
  teachers: TeacherRow[];
  assessmentPlan: string;
  responsibleDepartment?: string;
  fundingRoute?: string;
  evaluatorOrgId?: string;
  certificateType?: string;
};

/** The enterprise files only the training types it runs for its own employees (§1, §13). */
const ENTERPRISE_TYPES = ['pre_job', 'on_job', 'safety_skill', 'job_transfer', 'new_apprenticeship'];
/** Yuncheng's rough bounding box: a venue outside it only warns. */
const BOUNDS = { minLat: 34.6, maxLat: 35.8, minLng: 110.2, maxLng: 112.1 };

const SLOTS = {
  morning: [['08:30', '12:00']],
  afternoon: [['14:00', '17:30']],
  both: [
    ['08:30', '12:00'],
    ['14:00', '17:30'],
  ],
} as const;
type SlotKind = keyof typeof SLOTS;

/** `2026-12-10` + `08:30` → `2026-12-10T08:30:00+08:00` (sessions are Beijing time whatever the browser's zone). */
function instant(date: Dayjs, time: Dayjs): string {
  return `${date.format('YYYY-MM-DD')}T${time.format('HH:mm')}:00+08:00`;
}

function sessionMinutes(row: SessionRow | undefined): number | null {
  if (!row?.start || !row.end) return null;
  const a = row.start.hour() * 60 + row.start.minute();
  const b = row.end.hour() * 60 + row.end.minute();
  return b > a ? b - a : null;
}

function toRows(sessions: ClassSession[]): SessionRow[] {
  return sessions.map((s) => ({
    date: dayjs(dayOf(s.start)),
    start: dayjs(`2000-01-01T${timeOf(s.start)}`),
    end: dayjs(`2000-01-01T${timeOf(s.end)}`),
  }));
}

function initialValues(c: ClassDetail | null, sessions: ClassSession[], unitCode: string | undefined): Partial<Values> {
  if (!c) {
    return {
      projectMode: 'catalog',
      unitCode,
      sessions: [],
      teachers: [{}],
      responsibleDepartment: 'hrss',
      assessmentPlan: '',
      venueAddress: '',
      name: '',
    };
  }
  return {
    name: c.name,
    projectMode: c.catalogProjectId ? 'catalog' : 'outside',
    catalogProjectId: c.catalogProjectId ?? undefined,
    occupationCode: c.occupationCode,
    levelCode: c.levelCode,
    trainingType: c.trainingType,
    standardHours: c.standardHours,
    unitCode: c.unitCode,
    venueAddress: c.venue?.address ?? '',
    lat: c.venue?.lat ?? undefined,
    lng: c.venue?.lng ?? undefined,
    startDate: c.startDate ? dayjs(c.startDate) : undefined,
    endDate: c.endDate ? dayjs(c.endDate) : undefined,
    sessions: toRows(sessions),
    capacity: c.capacity,
    teachers: c.teachers.length > 0 ? c.teachers.map((x) => ({ name: x.name, qualification: x.qualification ?? undefined })) : [{}],
    assessmentPlan: c.assessmentPlan ?? '',
    responsibleDepartment: c.responsibleDepartment,
    fundingRoute: c.fundingRoute,
    evaluatorOrgId: c.evaluatorOrgId ?? undefined,
    certificateType: c.certificateType ?? undefined,
  };
}

/** Server field paths → this form's item names. */
function rename(field: string): string | null {
  const session = /^sessions\.(\d+)$/.exec(field);
  if (session) return `sessions.${session[1]}.date`;
  const teacher = /^teachers\.(\d+)$/.exec(field);
  if (teacher) return `teachers.${teacher[1]}.name`;
  const map: Record<string, string> = {
    project: 'catalogProjectId',
    'project.catalogProjectId': 'catalogProjectId',
    'project.occupationCode': 'occupationCode',
    'project.levelCode': 'levelCode',
    'project.trainingType': 'trainingType',
    'project.standardHours': 'standardHours',
    venue: 'venueAddress',
    'venue.address': 'venueAddress',
    'venue.lat': 'lat',
    'venue.lng': 'lng',
  };
  return map[field] ?? field;
}

/** 开班备案: a new filing (/classes/new) or a draft / returned filing being edited (/classes/:id/edit). */
export default function ClassFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const view = useClassView(id);
  const t = useT();

  if (editing) {
    if (isNotFound(view.error)) return <NotFoundResult />;
    if (view.isError) {
      return (
        <PageContainer title={t('class.editTitle')} crumbs={[{ title: t('class.title'), path: '/classes' }]} menuKey="/classes">
          <LoadError error={view.error} onRetry={() => void view.refetch()} />
        </PageContainer>
      );
    }
    if (!view.data) {
      return (
        <PageContainer title={t('class.editTitle')} crumbs={[{ title: t('class.title'), path: '/classes' }]} menuKey="/classes">
          <Card variant="borderless" className="jn-card">
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        </PageContainer>
      );
    }
    return <ClassForm key={id} existing={view.data.class} sessions={view.data.sessions} />;
  }
  return <ClassForm existing={null} sessions={[]} />;
}

function ClassForm({ existing, sessions }: { existing: ClassDetail | null; sessions: ClassSession[] }) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const occupations = useOccupations();
  const codes = useReferenceCodes();
  const refName = useRefName();
  const [locating, setLocating] = useState(false);

  // A new filing is, by default, in the filing organisation's own county.
  const ownOrg = useQuery({
    queryKey: ['organisations', 'detail', me.orgId],
    queryFn: ({ signal }) => get<{ organisation: OrgDetail }>(`/api/organisations/${encodeURIComponent(me.orgId ?? '')}`, signal),
    enabled: !existing && Boolean(me.orgId) && me.actions.includes('org.read'),
    select: (body) => body.organisation,
  });
  useEffect(() => {
    if (ownOrg.data?.unitCode && !form.getFieldValue('unitCode')) form.setFieldValue('unitCode', ownOrg.data.unitCode);
  }, [ownOrg.data, form]);

  const startDate = Form.useWatch('startDate', form);
  const projectMode = Form.useWatch('projectMode', form) ?? (existing?.catalogProjectId === null ? 'outside' : 'catalog');
  const catalogProjectId = Form.useWatch('catalogProjectId', form);
  const trainingType = Form.useWatch('trainingType', form);
  const standardHours = Form.useWatch('standardHours', form);
  const levelCode = Form.useWatch('levelCode', form);
  const rows = Form.useWatch('sessions', form) as SessionRow[] | undefined;
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);

  const year = startDate ? startDate.year() : Number(beijingToday().slice(0, 4));
  const published = usePublishedCatalog(year, 'projects');
  const projects = useMemo(() => published.detail?.projects ?? [], [published.detail]);
  const evaluators = useEvaluators(year, me.actions.includes('org.read') && me.role !== 'institution' && me.role !== 'enterprise');

  const isEnterprise = me.role === 'enterprise';
  const typeOptions = (codes.data?.trainingTypes ?? [])
    .filter((c) => !isEnterprise || ENTERPRISE_TYPES.includes(c.code))
    .map((c) => ({ value: c.code, label: refName(c) }));

  const totalMinutes = (rows ?? []).reduce((sum, r) => sum + (sessionMinutes(r) ?? 0), 0);
  const requiredMinutes = (standardHours ?? 0) * 60;
  const outOfBounds =
    typeof lat === 'number' &&
    typeof lng === 'number' &&
    (lat < BOUNDS.minLat || lat > BOUNDS.maxLat || lng < BOUNDS.minLng || lng > BOUNDS.maxLng);

  // A project picked from the catalog fills the occupation, level, type and hours (and the name while it is empty).
  useEffect(() => {
    if (projectMode !== 'catalog' || !catalogProjectId) return;
    const p = projects.find((x) => x.id === catalogProjectId);
    if (!p) return;
    form.setFieldsValue({
      occupationCode: p.occupationCode,
      levelCode: p.levelCode,
      trainingType: p.trainingType,
      standardHours: p.standardHours,
    });
    if (!form.getFieldValue('name')) {
      form.setFieldValue('name', t('class.form.nameSuggestion', { occupation: p.occupationName, level: p.levelName }));
    }
  }, [projectMode, catalogProjectId, projects, form, t]);

  const toBody = (v: Values): ClassFilingBody | null => {
    if (!v.startDate || !v.endDate || !v.occupationCode || !v.levelCode || !v.trainingType || !v.standardHours) return null;
    return {
      name: v.name.trim(),
      project: {
        catalogProjectId: v.projectMode === 'catalog' ? (v.catalogProjectId ?? null) : null,
        occupationCode: v.occupationCode,
        levelCode: v.levelCode,
        trainingType: v.trainingType,
        standardHours: v.standardHours,
      },
      unitCode: v.unitCode ?? '',
      venue: { address: v.venueAddress.trim(), lat: v.lat ?? Number.NaN, lng: v.lng ?? Number.NaN },
      startDate: v.startDate.format('YYYY-MM-DD'),
      endDate: v.endDate.format('YYYY-MM-DD'),
      sessions: (v.sessions ?? [])
        .filter((s) => s.date && s.start && s.end)
        .map((s) => ({ start: instant(s.date!, s.start!), end: instant(s.date!, s.end!) })),
      capacity: v.capacity ?? 0,
      teachers: (v.teachers ?? [])
        .filter((x) => x.name?.trim())
        .map((x) => ({ name: x.name!.trim(), ...(x.qualification?.trim() ? { qualification: x.qualification.trim() } : {}) })),
      assessmentPlan: v.assessmentPlan.trim(),
      responsibleDepartment: v.responsibleDepartment ?? '',
      fundingRoute: v.fundingRoute ?? '',
      ...(v.evaluatorOrgId ? { evaluatorOrgId: v.evaluatorOrgId } : {}),
      ...(v.certificateType ? { certificateType: v.certificateType } : {}),
    };
  };

  const showWarnings = (warnings: ApiProblem[] | undefined) => {
    for (const w of warnings ?? []) message.warning(problemMessage(w, locale), 6);
  };

  const save = useMutation({
    mutationFn: async ({ body, andFile }: { body: ClassFilingBody; andFile: boolean }) => {
      let id = existing?.id;
      let warnings: ApiProblem[] = [];
      if (existing) {
        const r = await put<{ warnings?: ApiProblem[] } | null>(classPath(existing.id), body);
        warnings = r?.warnings ?? [];
      } else {
        const r = await post<{ id: string; warnings?: ApiProblem[] }>('/api/classes', body);
        id = r.id;
        warnings = r.warnings ?? [];
      }
      let fileError: unknown = null;
      if (andFile && id) {
        const action = existing?.status === 'returned' ? 'refile' : 'file';
        try {
          await post<unknown>(`${classPath(id)}/actions`, { action });
        } catch (error) {
          fileError = error;
        }
      }
      return { id: id!, warnings, fileError, andFile };
    },
    onSuccess: async ({ id, warnings, fileError, andFile }) => {
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
      showWarnings(warnings);
      if (fileError) {
        modal.warning({
          title: t('class.form.savedNotFiled'),
          content: errorText(fileError, locale, t),
          okText: t('common.ok'),
        });
      } else {
        message.success(andFile ? t('class.form.savedAndFiled') : t('class.form.saved'));
      }
      navigate(`/classes/${encodeURIComponent(id)}`, { replace: !existing });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6), rename),
  });

  const submit = (andFile: boolean) => {
    form
      .validateFields()
      .then((values) => {
        const body = toBody(values);
        if (body) save.mutate({ body, andFile });
      })
      .catch((info: { errorFields?: { name: (string | number)[] }[] }) => {
        const first = info.errorFields?.[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      });
  };

  const fillSessions = (kind: SlotKind, skipWeekends: boolean) => {
    const from = form.getFieldValue('startDate') as Dayjs | undefined;
    const to = form.getFieldValue('endDate') as Dayjs | undefined;
    if (!from || !to || to.isBefore(from, 'day')) {
      message.warning(t('class.form.quickFillNeedsDates'));
      return;
    }
    const next: SessionRow[] = [];
    for (let d = from.startOf('day'); !d.isAfter(to, 'day') && next.length < 400; d = d.add(1, 'day')) {
      if (skipWeekends && (d.day() === 0 || d.day() === 6)) continue;
      for (const [a, b] of SLOTS[kind]) {
        next.push({ date: d, start: dayjs(`2000-01-01T${a}`), end: dayjs(`2000-01-01T${b}`) });
      }
    }
    form.setFieldValue('sessions', next);
    void form.validateFields([['sessions']]).catch(() => undefined);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      message.warning(t('class.form.locateUnavailable'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        form.setFieldsValue({
          lat: Math.round(pos.coords.latitude * 1e6) / 1e6,
          lng: Math.round(pos.coords.longitude * 1e6) / 1e6,
        });
      },
      () => {
        setLocating(false);
        message.warning(t('class.form.locateFailed'));
      },
      { timeout: 10_000 },
    );
  };

  const catalogLocked = projectMode === 'catalog';
  const title = existing ? t('class.editTitle') : t('class.create');
  const occupationOptions = (occupations.data ?? [])
    .filter((o) => o.active)
    .map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }));

  return (
    <PageContainer
      title={title}
      subTitle={existing ? existing.name : t('class.form.subtitle')}
      crumbs={[
        { title: t('class.title'), path: '/classes' },
        ...(existing ? [{ title: existing.name, path: `/classes/${encodeURIComponent(existing.id)}` }] : []),
      ]}
      menuKey="/classes"
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(existing, sessions, ownReportingUnit(me.unitCode))}
        scrollToFirstError={{ block: 'center' }}
        className="jn-class-form"
        data-testid="class-form"
      >
        <Flex vertical gap={16}>
          {existing?.status === 'returned' ? (
            <Alert type="warning" showIcon title={t('class.form.returnedHint')} />
          ) : null}

          <Card variant="borderless" className="jn-card" title={t('class.form.section.project')}>
            <Form.Item name="projectMode" label={t('class.form.projectSource')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'catalog', label: t('class.form.fromCatalog') },
                  { value: 'outside', label: t('class.form.outsideCatalog') },
                ]}
                data-testid="class-project-mode"
                onChange={() => form.setFieldValue('catalogProjectId', undefined)}
              />
            </Form.Item>
            {catalogLocked ? (
              <>
                {!published.isLoading && !published.catalog ? (
                  <Alert
                    type="info"
                    showIcon
                    className="jn-form-alert"
                    title={t('class.form.noCatalog', { year })}
                    description={t('class.form.noCatalogHint')}
                  />
                ) : null}
                <Form.Item
                  name="catalogProjectId"
                  label={t('class.form.catalogProject', { year })}
                  extra={published.catalog ? t('class.form.catalogProjectHint', { title: published.catalog.title }) : undefined}
                  rules={[{ required: true, message: t('class.form.catalogProjectRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={published.isLoading}
                    placeholder={t('class.form.catalogProjectPlaceholder')}
                    notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.form.noProjects')} />}
                    options={projects.map((p) => ({
                      value: p.id,
                      label: `${p.occupationName}（${p.levelName}）${p.trainingTypeName} · ${t('catalog.hoursValue', { hours: p.standardHours })} · ${formatFen(p.subsidyFen)}`,
                    }))}
                    data-testid="class-catalog-project"
                  />
                </Form.Item>
              </>
            ) : (
              <Alert
                type="warning"
                showIcon
                icon={<WarningOutlined />}
                className="jn-form-alert"
                title={t('class.form.outsideWarning')}
                description={t('class.form.outsideWarningHint')}
                data-testid="class-outside-warning"
              />
            )}
            <Row gutter={16}>
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  name="occupationCode"
                  label={t('class.field.occupation')}
                  rules={[{ required: true, message: t('catalog.field.occupationRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={occupations.isLoading}
                    disabled={catalogLocked}
                    placeholder={catalogLocked ? t('class.form.fromProject') : t('catalog.field.occupationPlaceholder')}
                    options={occupationOptions}
                    data-testid="class-occupation"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={5}>
                <Form.Item name="levelCode" label={t('class.field.level')} rules={[{ required: true, message: t('catalog.field.levelRequired') }]}>
                  <Select
                    disabled={catalogLocked}
                    options={levelOptions(t)}
                    placeholder={catalogLocked ? t('class.form.fromProject') : undefined}
                    data-testid="class-level"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={6}>
                <Form.Item
                  name="trainingType"
                  label={t('class.field.trainingType')}
                  rules={[{ required: true, message: t('catalog.field.trainingTypeRequired') }]}
                >
                  <Select
                    disabled={catalogLocked}
                    loading={codes.isLoading}
                    options={typeOptions}
                    placeholder={catalogLocked ? t('class.form.fromProject') : undefined}
                    data-testid="class-training-type"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6} xl={5}>
                <Form.Item
                  name="standardHours"
                  label={t('class.field.standardHours')}
                  rules={[{ required: true, message: t('catalog.field.hoursRequired') }]}
                >
                  <InputNumber
                    min={1}
                    max={10000}
                    precision={0}
                    disabled={catalogLocked}
                    suffix={t('catalog.field.hoursUnit')}
                    style={{ width: '100%' }}
                    data-testid="class-hours"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="name"
              label={t('class.field.name')}
              rules={[{ required: true, whitespace: true, message: t('class.form.nameRequired') }]}
            >
              <Input maxLength={100} showCount placeholder={t('class.form.namePlaceholder')} data-testid="class-name" />
            </Form.Item>
          </Card>

          <Card variant="borderless" className="jn-card" title={t('class.form.section.place')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="unitCode" label={t('class.field.unit')} rules={[{ required: true, message: t('common.selectUnit') }]}>
                  <UnitField testId="class-unit" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item
                  name="venueAddress"
                  label={t('class.field.venue')}
                  rules={[{ required: true, whitespace: true, message: t('class.form.venueRequired') }]}
                >
                  <Input maxLength={200} placeholder={t('class.form.venuePlaceholder')} data-testid="class-venue" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16} align="bottom">
              <Col xs={12} md={6}>
                <Form.Item name="lat" label={t('class.field.lat')} rules={[{ required: true, message: t('class.form.coordsRequired') }]}>
                  <InputNumber min={-90} max={90} precision={6} step={0.0001} style={{ width: '100%' }} placeholder="35.026" data-testid="class-lat" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="lng" label={t('class.field.lng')} rules={[{ required: true, message: t('class.form.coordsRequired') }]}>
                  <InputNumber min={-180} max={180} precision={6} step={0.0001} style={{ width: '100%' }} placeholder="111.007" data-testid="class-lng" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item>
                  <Space wrap>
                    <Button icon={<AimOutlined />} loading={locating} onClick={locate}>
                      {t('class.form.locate')}
                    </Button>
                    {outOfBounds ? (
                      <Typography.Text type="warning">
                        <WarningOutlined /> {t('class.form.outOfBounds')}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary" className="jn-small">
                        {t('class.form.coordsHint')}
                      </Typography.Text>
                    )}
                  </Space>
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card variant="borderless" className="jn-card" title={t('class.form.section.time')}>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name="startDate" label={t('class.field.startDate')} rules={[{ required: true, message: t('class.form.dateRequired') }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="class-start" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="endDate"
                  label={t('class.field.endDate')}
                  dependencies={['startDate']}
                  rules={[
                    { required: true, message: t('class.form.dateRequired') },
                    ({ getFieldValue }) => ({
                      validator: (_, v: Dayjs | undefined) => {
                        const s = getFieldValue('startDate') as Dayjs | undefined;
                        return !v || !s || !v.isBefore(s, 'day') ? Promise.resolve() : Promise.reject(new Error(t('class.form.endBeforeStart')));
                      },
                    }),
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="class-end" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Typography.Paragraph type="secondary" className="jn-small jn-form-side-hint">
                  {t('class.form.filingDeadlineHint')}
                </Typography.Paragraph>
              </Col>
            </Row>

            <Flex justify="space-between" align="center" wrap gap={8} className="jn-sessions-head">
              <Typography.Text strong>{t('class.form.timetable')}</Typography.Text>
              <Space wrap>
                <QuickFill onFill={fillSessions} />
              </Space>
            </Flex>
            <Form.List
              name="sessions"
              rules={[
                {
                  validator: (_, v: SessionRow[] | undefined) =>
                    v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('class.form.sessionsRequired'))),
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <div className="jn-sessions" data-testid="class-sessions">
                  {fields.length > 0 ? (
                    <Row gutter={8} className="jn-sessions-labels">
                      <Col flex="40px" />
                      <Col flex="1 1 160px">{t('class.form.sessionDate')}</Col>
                      <Col flex="1 1 120px">{t('class.form.sessionStart')}</Col>
                      <Col flex="1 1 120px">{t('class.form.sessionEnd')}</Col>
                      <Col flex="110px">{t('class.form.sessionLength')}</Col>
                      <Col flex="40px" />
                    </Row>
                  ) : null}
                  {fields.map((field, index) => {
                    const minutes = sessionMinutes(rows?.[index]);
                    return (
                      <Row key={field.key} gutter={8} align="top" className="jn-session-row">
                        <Col flex="40px" className="jn-session-seq">
                          {index + 1}
                        </Col>
                        <Col flex="1 1 160px">
                          <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: t('class.form.dateRequired') }]}>
                            <DatePicker style={{ width: '100%' }} aria-label={t('class.form.sessionDate')} />
                          </Form.Item>
                        </Col>
                        <Col flex="1 1 120px">
                          <Form.Item name={[field.name, 'start']} rules={[{ required: true, message: t('class.form.timeRequired') }]}>
                            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} aria-label={t('class.form.sessionStart')} />
                          </Form.Item>
                        </Col>
                        <Col flex="1 1 120px">
                          <Form.Item
                            name={[field.name, 'end']}
                            dependencies={[['sessions', field.name, 'start']]}
                            rules={[
                              { required: true, message: t('class.form.timeRequired') },
                              ({ getFieldValue }) => ({
                                validator: (_, v: Dayjs | undefined) => {
                                  const s = getFieldValue(['sessions', field.name, 'start']) as Dayjs | undefined;
                                  return !v || !s || sessionMinutes({ start: s, end: v }) !== null
                                    ? Promise.resolve()
                                    : Promise.reject(new Error(t('class.form.endBeforeStartTime')));
                                },
                              }),
                            ]}
                          >
                            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} aria-label={t('class.form.sessionEnd')} />
                          </Form.Item>
                        </Col>
                        <Col flex="110px" className="jn-session-length">
                          {minutes !== null ? t('class.minutesShort', { m: minutes }) : <span className="jn-muted">{t('common.none')}</span>}
                        </Col>
                        <Col flex="40px">
                          <Tooltip title={t('common.delete')}>
                            <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                          </Tooltip>
                        </Col>
                      </Row>
                    );
                  })}
                  {fields.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} className="jn-empty-tight" description={t('class.form.noSessions')} />
                  ) : null}
                  <Form.ErrorList errors={errors} />
                  <Flex justify="space-between" align="center" wrap gap={8} className="jn-sessions-foot">
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => {
                        const last = rows?.[rows.length - 1];
                        add(last?.date ? { date: last.date.add(1, 'day'), start: last.start, end: last.end } : {});
                      }}
                      data-testid="class-add-session"
                    >
                      {t('class.form.addSession')}
                    </Button>
                    <span data-testid="class-sessions-total">
                      {t('class.form.sessionsTotal', { count: fields.length, hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 })}
                      {requiredMinutes > 0 ? (
                        totalMinutes >= requiredMinutes ? (
                          <Tag color="success" className="jn-tag-inline">
                            {t('class.form.hoursEnough', { hours: standardHours ?? 0 })}
                          </Tag>
                        ) : (
                          <Tag color="warning" className="jn-tag-inline">
                            {t('class.form.hoursShort', { hours: standardHours ?? 0 })}
                          </Tag>
                        )
                      ) : null}
                    </span>
                  </Flex>
                </div>
              )}
            </Form.List>
          </Card>

          <Card variant="borderless" className="jn-card" title={t('class.form.section.teaching')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="capacity" label={t('class.field.capacity')} rules={[{ required: true, message: t('class.form.capacityRequired') }]}>
                  <InputNumber min={1} max={1000} precision={0} suffix={t('orgs.form.peopleSuffix')} style={{ width: '100%' }} data-testid="class-capacity" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Text strong>{t('class.field.teachers')}</Typography.Text>
            {/* At least one teacher: the first row cannot be removed and its name is required. */}
            <Form.List name="teachers">
              {(fields, { add, remove }, { errors }) => (
                <div className="jn-teachers" data-testid="class-teachers">
                  {fields.map((field, index) => (
                    <Row key={field.key} gutter={8} align="top" className="jn-form-row">
                      <Col flex="1 1 180px">
                        <Form.Item
                          name={[field.name, 'name']}
                          rules={[{ required: true, whitespace: true, message: t('class.form.teacherNameRequired') }]}
                        >
                          <Input
                            maxLength={50}
                            placeholder={t('class.form.teacherName')}
                            aria-label={t('class.form.teacherName')}
                            data-testid={`class-teacher-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="1 1 220px">
                        <Form.Item name={[field.name, 'qualification']}>
                          <Input maxLength={100} placeholder={t('class.form.teacherQualification')} aria-label={t('class.form.teacherQualification')} />
                        </Form.Item>
                      </Col>
                      <Col flex="40px">
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                          aria-label={t('common.delete')}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} className="jn-add-row">
                    {t('class.form.addTeacher')}
                  </Button>
                </div>
              )}
            </Form.List>
            <Divider className="jn-form-divider" />
            <Form.Item
              name="assessmentPlan"
              label={t('class.field.assessmentPlan')}
              rules={[{ required: true, whitespace: true, message: t('class.form.assessmentPlanRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('class.form.assessmentPlanPlaceholder')} data-testid="class-assessment-plan" />
            </Form.Item>
          </Card>

          <Card variant="borderless" className="jn-card" title={t('class.form.section.funding')}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="responsibleDepartment"
                  label={t('class.field.department')}
                  rules={[{ required: true, message: t('class.form.departmentRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={DEPARTMENTS.map((d) => ({ value: d, label: departmentLabel(t, d) }))}
                    data-testid="class-department"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="fundingRoute"
                  label={t('class.field.fundingRoute')}
                  dependencies={['trainingType']}
                  rules={[
                    { required: true, message: t('class.form.fundingRequired') },
                    ({ getFieldValue }) => ({
                      validator: (_, v: string | undefined) =>
                        !v || fundingFits(v, getFieldValue('trainingType') as string | undefined)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('class.form.fundingMismatch'))),
                    }),
                  ]}
                >
                  <Select
                    options={FUNDING_ROUTES.map((r) => ({
                      value: r.code,
                      label: fundingRouteLabel(t, r.code),
                      disabled: !fundingFits(r.code, trainingType),
                    }))}
                    data-testid="class-funding"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="evaluatorOrgId" label={t('class.field.evaluator')} extra={t('class.form.evaluatorHint')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={evaluators.isLoading}
                    placeholder={t('class.form.evaluatorPlaceholder')}
                    notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.form.noEvaluators')} />}
                    options={evaluators.options.map((o) => ({ value: o.id, label: o.unitName ? `${o.name}（${o.unitName}）` : o.name }))}
                    data-testid="class-evaluator"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="certificateType" label={t('class.field.certificateType')} extra={t('class.form.certificateTypeHint')}>
                  <Select
                    allowClear
                    loading={codes.isLoading}
                    placeholder={
                      levelCode
                        ? t('class.form.certificateDefault', {
                            type: refName(
                              codes.data?.certificateTypes.find(
                                (c) => c.code === (levelCode === 'special' ? 'special_ability' : 'skill_level'),
                              ),
                            ),
                          })
                        : t('class.form.certificatePlaceholder')
                    }
                    options={(codes.data?.certificateTypes ?? []).map((c) => ({ value: c.code, label: refName(c) }))}
                    data-testid="class-certificate-type"
                  />
                </Form.Item>
              </Col>
            </Row>
            {levelCode ? (
              <Typography.Text type="secondary" className="jn-small">
                {t('class.form.levelNote', { level: levelLabel(t, levelCode) })}
              </Typography.Text>
            ) : null}
          </Card>

          <Card variant="borderless" className="jn-card jn-form-actions-card">
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Typography.Text type="secondary">{t('class.form.submitHint')}</Typography.Text>
              <Space wrap>
                <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
                <Button
                  icon={<SaveOutlined />}
                  loading={save.isPending && save.variables?.andFile === false}
                  disabled={save.isPending}
                  onClick={() => submit(false)}
                  data-testid="class-save"
                >
                  {t('class.form.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={save.isPending && save.variables?.andFile === true}
                  disabled={save.isPending}
                  onClick={() => submit(true)}
                  data-testid="class-save-file"
                >
                  {existing?.status === 'returned' ? t('class.form.saveAndRefile') : t('class.form.saveAndFile')}
                </Button>
              </Space>
            </Flex>
          </Card>
        </Flex>
      </Form>
    </PageContainer>
  );
}

/** 快速填充: one or two sessions a day over the class dates, optionally skipping weekends. */
function QuickFill({ onFill }: { onFill: (kind: SlotKind, skipWeekends: boolean) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<SlotKind>('both');
  const [skipWeekends, setSkipWeekends] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('class.form.quickFillTitle')}
      content={
        <Flex vertical gap={12} style={{ width: 280 }}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as SlotKind)}
            options={[
              { value: 'morning', label: t('class.form.quickMorning') },
              { value: 'afternoon', label: t('class.form.quickAfternoon') },
              { value: 'both', label: t('class.form.quickBoth') },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          />
          <Checkbox checked={skipWeekends} onChange={(e) => setSkipWeekends(e.target.checked)}>
            {t('class.form.skipWeekends')}
          </Checkbox>
          <Typography.Text type="secondary" className="jn-small">
            {t('class.form.quickFillHint')}
          </Typography.Text>
          <Button
            type="primary"
            onClick={() => {
              onFill(kind, skipWeekends);
              setOpen(false);
            }}
            data-testid="class-quick-fill-apply"
          >
            {t('class.form.quickFillApply')}
          </Button>
        </Flex>
      }
    >
      <Button icon={<ThunderboltOutlined />} data-testid="class-quick-fill">
        {t('class.form.quickFill')}
      </Button>
    </Popover>
  );
}
