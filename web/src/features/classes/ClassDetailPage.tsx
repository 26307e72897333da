import { useState, type ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
  SolutionOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isNotFound, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatDateTime, formatFen } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { useRefName, useReferenceCodes } from '../../app/reference';
import { LoadError, NotFoundResult } from '../../app/results';
import { useUnitLabel } from '../../app/units';
import type { Paged } from '../../app/types';
import { ClassClaimButton } from '../claims/ClassClaim';
import { CertificateDrawer } from '../certificates/CertificateDrawer';
import { useCertificateColumns } from '../certificates/CertificatesPage';
import type { Certificate } from '../certificates/types';
import { useClassView } from './api';
import { ApproveModal, ReasonsModal, useClassAction } from './ClassActionModals';
import { AttendanceTab } from './AttendanceTab';
import {
  ClassStatusTag,
  DECISION_COLORS,
  classActionLabel,
  classStatusLabel,
  decisionLabel,
  departmentLabel,
  fundingRouteLabel,
  minutesText,
  problemMessage,
  reasonsText,
  sessionText,
} from './labels';
import { ResultsTab } from './ResultsTab';
import { RosterTab } from './RosterTab';
import type { ClassAction, ClassActionOption, ClassDecision, ClassSession, ClassView } from './types';

const ACTION_ICONS: Record<ClassAction, ReactNode> = {
  file: <SendOutlined />,
  refile: <SendOutlined />,
  approve: <CheckCircleOutlined />,
  return: <RollbackOutlined />,
  start: <PlayCircleOutlined />,
  complete: <FlagOutlined />,
  assess: <SolutionOutlined />,
  close: <CheckCircleOutlined />,
  cancel: <StopOutlined />,
};

type TabKey = 'basic' | 'roster' | 'attendance' | 'results' | 'certificates' | 'decisions';

/** 培训班详情: status and actions, then the tabs (basic facts, roster, attendance, results, certificates, decisions). */
export default function ClassDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const view = useClassView(id);
  if (isNotFound(view.error)) return <NotFoundResult />;
  if (view.isError) {
    return (
      <PageContainer title={t('class.detail')} crumbs={[{ title: t('class.title'), path: '/classes' }]} menuKey="/classes">
        <LoadError error={view.error} onRetry={() => void view.refetch()} />
      </PageContainer>
    );
  }
  if (!view.data) {
    return (
      <PageContainer title={t('class.detail')} crumbs={[{ title: t('class.title'), path: '/classes' }]} menuKey="/classes">
        <Card variant="borderless" className="jn-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }
  return <ClassDetail data={view.data} />;
}

function ClassDetail({ data }: { data: ClassView }) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const unitLabel = useUnitLabel();
  const [params, setParams] = useSearchParams();
  const cls = data.class;
  const act = useClassAction(cls.id);
  const [reasonsFor, setReasonsFor] = useState<ClassAction | null>(null);
  const [approving, setApproving] = useState(false);

  const isRunner = me.orgId !== null && me.orgId === cls.orgId;
  const isEvaluator = me.orgId !== null && me.orgId === cls.evaluatorOrgId;
  const started = ['in_progress', 'completed', 'assessed', 'closed'].includes(cls.status);
  const enrolmentStage = ['approved', 'in_progress', 'completed', 'assessed', 'closed'].includes(cls.status);
  const assessedStage = cls.status === 'assessed' || cls.status === 'closed';

  const visibleTabs: TabKey[] = [
    'basic',
    ...(enrolmentStage ? (['roster'] as TabKey[]) : []),
    ...(enrolmentStage && (started || isRunner) ? (['attendance'] as TabKey[]) : []),
    ...(isEvaluator && (cls.status === 'completed' || assessedStage) && me.actions.includes('assessment.record') ? (['results'] as TabKey[]) : []),
    ...(assessedStage ? (['certificates'] as TabKey[]) : []),
    'decisions',
  ];
  const rawTab = params.get('tab');
  const tab: TabKey = visibleTabs.find((k) => k === rawTab) ?? 'basic';
  const setTab = (k: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (k === 'basic') next.delete('tab');
        else next.set('tab', k);
        return next;
      },
      { replace: true },
    );

  const run = (option: ClassActionOption) => {
    const label = classActionLabel(t, option.action);
    if (option.action === 'assess') {
      setTab('results');
      return;
    }
    if (option.action === 'approve') {
      setApproving(true);
      return;
    }
    if (option.needsReasons) {
      setReasonsFor(option.action);
      return;
    }
    modal.confirm({
      title: t('class.confirmTitle', { action: label }),
      content: t(`class.confirm.${option.action}`),
      okText: label,
      okButtonProps: { danger: option.action === 'cancel', 'data-testid': 'class-action-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () =>
        act
          .mutateAsync({ action: option.action })
          .then(() => message.success(t('class.actionDone', { action: label })))
          .catch((error: unknown) => {
            message.error(errorText(error, locale, t), 8);
          }),
    });
  };

  const editable = isRunner && (cls.status === 'draft' || cls.status === 'returned') && me.actions.includes('class.file');
  const ordered = [...data.actions].sort((a, b) => Number(a.action === 'cancel' || a.action === 'return') - Number(b.action === 'cancel' || b.action === 'return'));

  const extra = (
    <Flex gap={8} wrap data-testid="class-actions">
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/classes')}>
        {t('common.back')}
      </Button>
      {editable ? (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/classes/${encodeURIComponent(cls.id)}/edit`)} data-testid="class-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {ordered.map((option) => {
        const harsh = option.action === 'cancel' || option.action === 'return';
        const button = (
          <Button
            key={option.action}
            type={harsh ? 'default' : 'primary'}
            danger={harsh}
            icon={ACTION_ICONS[option.action]}
            disabled={!option.enabled}
            loading={act.isPending && act.variables?.action === option.action}
            onClick={() => run(option)}
            data-testid={`class-action-${option.action}`}
          >
            {classActionLabel(t, option.action)}
          </Button>
        );
        return option.enabled ? (
          button
        ) : (
          <Tooltip key={option.action} title={option.problems.map((p) => problemMessage(p, locale)).join('；')}>
            <span>{button}</span>
          </Tooltip>
        );
      })}
      <ClassClaimButton cls={cls} />
    </Flex>
  );

  const disabledProblems = data.actions.filter((a) => !a.enabled && a.problems.length > 0);

  const tabItems = visibleTabs.map((key) => ({
    key,
    label: <span data-testid={`class-tab-${key}`}>{t(`class.tab.${key}`)}</span>,
    children:
      key === 'basic' ? (
        <BasicTab data={data} />
      ) : key === 'roster' ? (
        <RosterTab cls={cls} canEnrol={isRunner && me.actions.includes('class.enrol')} />
      ) : key === 'attendance' ? (
        <AttendanceTab cls={cls} sessions={data.sessions} canManage={isRunner && me.actions.includes('attendance.manage')} />
      ) : key === 'results' ? (
        <ResultsTab cls={cls} canRecord={isEvaluator && me.actions.includes('assessment.record')} />
      ) : key === 'certificates' ? (
        <ClassCertificates classId={cls.id} />
      ) : (
        <Decisions decisions={data.decisions} />
      ),
  }));

  return (
    <PageContainer
      title={
        <Flex align="center" gap={10} wrap>
          <span>{cls.name}</span>
          <span data-testid="class-status">
            <ClassStatusTag status={cls.status} name={cls.statusName} />
          </span>
        </Flex>
      }
      docTitle={cls.name}
      subTitle={[cls.code, cls.orgName].filter(Boolean).join(' · ')}
      crumbs={[{ title: t('class.title'), path: '/classes' }]}
      menuKey="/classes"
      extra={extra}
    >
      <Flex vertical gap={16}>
        <Card variant="borderless" className="jn-card">
          <Row gutter={[24, 16]} align="middle">
            <Col xs={24} xl={14}>
              <Flex vertical gap={8}>
                <Space size={8} wrap>
                  <Typography.Text strong className="jn-class-project">
                    {cls.occupationName ?? cls.occupationCode}（{cls.levelName ?? cls.levelCode}）
                  </Typography.Text>
                  {cls.trainingTypeName ? <Tag className="jn-tag-tight">{cls.trainingTypeName}</Tag> : null}
                  {cls.inCatalog ? (
                    <Tag color="green" className="jn-tag-tight">
                      {t('class.inCatalog')}
                    </Tag>
                  ) : (
                    <Tag color="orange" className="jn-tag-tight" icon={<WarningOutlined />}>
                      {t('class.outsideCatalog')}
                    </Tag>
                  )}
                </Space>
                <Space size={16} wrap className="jn-muted">
                  <span>
                    <CalendarOutlined /> {cls.startDate} – {cls.endDate}
                  </span>
                  <span>
                    <EnvironmentOutlined /> {unitLabel(cls.unitCode, cls.unitName, cls.unitNameEn)} · {cls.venue?.address}
                  </span>
                </Space>
              </Flex>
            </Col>
            <Col xs={24} xl={10}>
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic title={t('class.stat.enrolled')} value={cls.enrolled} suffix={`/ ${cls.capacity}`} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('class.stat.sessions')} value={data.sessions.length} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('class.stat.hours')} value={cls.standardHours} suffix={t('catalog.field.hoursUnit')} />
                </Col>
              </Row>
            </Col>
          </Row>
          {data.warnings.length > 0 || disabledProblems.length > 0 ? (
            <Flex vertical gap={8} className="jn-class-alerts">
              {data.warnings.map((w, i) => (
                <Alert key={`w-${i}`} type="warning" showIcon title={problemMessage(w, locale)} data-testid="class-warning" />
              ))}
              {disabledProblems.map((a) => (
                <Alert
                  key={`p-${a.action}`}
                  type="info"
                  showIcon
                  title={t('class.actionBlocked', { action: classActionLabel(t, a.action) })}
                  description={a.problems.map((p) => problemMessage(p, locale)).join('；')}
                />
              ))}
            </Flex>
          ) : null}
          {cls.status === 'returned' ? <LastReasons decisions={data.decisions} action="return" /> : null}
          {cls.status === 'cancelled' ? <LastReasons decisions={data.decisions} action="cancel" /> : null}
        </Card>

        <Card variant="borderless" className="jn-card jn-class-tabs">
          <Tabs activeKey={tab} onChange={setTab} items={tabItems} destroyOnHidden />
        </Card>
      </Flex>

      <ReasonsModal cls={cls} action={reasonsFor} onClose={() => setReasonsFor(null)} />
      {data.actions.some((a) => a.action === 'approve') ? (
        <ApproveModal cls={cls} open={approving} onClose={() => setApproving(false)} />
      ) : null}
    </PageContainer>
  );
}

/** The reasons of the latest return or cancellation, shown on top while they matter. */
function LastReasons({ decisions, action }: { decisions: ClassDecision[]; action: string }) {
  const t = useT();
  const { locale } = useLocale();
  const last = [...decisions].reverse().find((d) => d.action === action);
  if (!last) return null;
  const reasons = reasonsText(last.reasons, locale);
  return (
    <Alert
      type={action === 'cancel' ? 'error' : 'warning'}
      showIcon
      className="jn-class-alerts"
      title={t(action === 'cancel' ? 'class.cancelledBy' : 'class.returnedBy', {
        name: last.actorName ?? t('audit.system'),
        at: formatDateTime(last.at, locale),
      })}
      description={reasons.length > 0 ? reasons.join('；') : undefined}
      data-testid="class-last-reasons"
    />
  );
}

function BasicTab({ data }: { data: ClassView }) {
  const t = useT();
  const codes = useReferenceCodes();
  const refName = useRefName();
  const cls = data.class;
  const none = t('common.none');
  const certificateType = cls.certificateType
    ? refName(codes.data?.certificateTypes.find((c) => c.code === cls.certificateType)) || cls.certificateType
    : none;

  const sessionColumns: TableColumnsType<ClassSession> = [
    { title: t('attendance.seq'), dataIndex: 'seq', key: 'seq', width: 70 },
    { title: t('attendance.time'), key: 'time', render: (_: unknown, s) => <span className="jn-mono">{sessionText(s.start, s.end)}</span> },
    { title: t('attendance.length'), dataIndex: 'minutes', key: 'minutes', width: 140, render: (m: number) => minutesText(t, m) },
  ];

  return (
    <Flex vertical gap={24}>
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, sm: 1, md: 2, xxl: 3 }}
        items={[
          { key: 'code', label: t('class.field.code'), children: <span className="jn-mono">{cls.code || none}</span> },
          { key: 'status', label: t('class.col.status'), children: classStatusLabel(t, cls.status, cls.statusName) },
          { key: 'org', label: t('class.col.org'), children: cls.orgName },
          { key: 'occupation', label: t('class.field.occupation'), children: `${cls.occupationCode} ${cls.occupationName ?? ''}` },
          { key: 'level', label: t('class.field.level'), children: cls.levelName ?? cls.levelCode },
          { key: 'type', label: t('class.field.trainingType'), children: cls.trainingTypeName ?? cls.trainingType },
          { key: 'hours', label: t('class.field.standardHours'), children: t('catalog.hoursValue', { hours: cls.standardHours }) },
          {
            key: 'scheduled',
            label: t('class.field.scheduled'),
            children: cls.scheduledMinutes
              ? t('class.scheduledValue', { time: minutesText(t, cls.scheduledMinutes), days: cls.scheduledDays ?? 0 })
              : none,
          },
          { key: 'subsidy', label: t('class.field.subsidy'), children: cls.subsidyFen !== null ? `${formatFen(cls.subsidyFen)} ${t('catalog.field.yuanPerPerson')}` : none },
          { key: 'dates', label: t('class.col.dates'), children: `${cls.startDate} – ${cls.endDate}` },
          { key: 'capacity', label: t('class.field.capacity'), children: t('orgs.peopleValue', { count: cls.capacity }) },
          {
            key: 'venue',
            label: t('class.field.venue'),
            children: (
              <Flex vertical gap={0}>
                <span>{cls.venue?.address || none}</span>
                {cls.venue?.lat != null && cls.venue?.lng != null ? (
                  <Typography.Text type="secondary" className="jn-small jn-mono">
                    {cls.venue.lat}, {cls.venue.lng}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            key: 'teachers',
            label: t('class.field.teachers'),
            children:
              cls.teachers.length === 0
                ? none
                : cls.teachers.map((x, i) => (
                    <div key={`${x.name}-${i}`}>
                      {x.name}
                      {x.qualification ? <span className="jn-muted">（{x.qualification}）</span> : null}
                    </div>
                  )),
          },
          { key: 'plan', label: t('class.field.assessmentPlan'), children: cls.assessmentPlan || none },
          { key: 'dept', label: t('class.field.department'), children: departmentLabel(t, cls.responsibleDepartment) },
          { key: 'funding', label: t('class.field.fundingRoute'), children: fundingRouteLabel(t, cls.fundingRoute) },
          { key: 'evaluator', label: t('class.field.evaluator'), children: cls.evaluatorOrgName ?? t('class.evaluatorUnassigned') },
          { key: 'certificate', label: t('class.field.certificateType'), children: certificateType },
          ...(!cls.inCatalog || cls.projectReviewNote
            ? [{ key: 'review', label: t('class.field.projectReview'), children: cls.projectReviewNote ?? t('class.projectReviewPending') }]
            : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('class.timetable', { count: data.sessions.length })}</Typography.Title>
        <Table<ClassSession>
          rowKey="id"
          size="small"
          columns={sessionColumns}
          dataSource={data.sessions}
          pagination={data.sessions.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          data-testid="class-timetable"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('class.form.noSessions')} /> }}
        />
      </div>
    </Flex>
  );
}

function ClassCertificates({ classId }: { classId: string }) {
  const t = useT();
  const [open, setOpen] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['certificates', 'list', { classId }],
    queryFn: ({ signal }) => get<Paged<Certificate>>(withQuery('/api/certificates', { classId, pageSize: 200 }), signal),
    placeholderData: keepPreviousData,
  });
  const columns = useCertificateColumns((c) => setOpen(c.id));
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <Table<Certificate>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="class-certificates"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cert.emptyClass')} /> }}
      />
      <CertificateDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

function Decisions({ decisions }: { decisions: ClassDecision[] }) {
  const t = useT();
  const { locale } = useLocale();
  if (decisions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.decisionsEmpty')} />;
  return (
    <Timeline
      className="jn-status-timeline"
      data-testid="class-decisions"
      items={[...decisions].reverse().map((d, i) => {
        const reasons = reasonsText(d.reasons, locale);
        return {
          key: `${d.at}-${i}`,
          color: DECISION_COLORS[d.action] ?? 'gray',
          icon: d.action === 'return' || d.action === 'cancel' ? <CloseCircleOutlined /> : undefined,
          content: (
            <div className="jn-history-item">
              <Space size={6} wrap>
                <Typography.Text strong>{decisionLabel(t, d.action)}</Typography.Text>
                {d.fromStatus ? (
                  <>
                    <ClassStatusTag status={d.fromStatus} />
                    <span className="jn-muted">→</span>
                  </>
                ) : null}
                <ClassStatusTag status={d.toStatus} />
              </Space>
              {reasons.length > 0 ? <div className="jn-history-reason">{reasons.join('；')}</div> : null}
              <Typography.Text type="secondary" className="jn-small">
                {t('catalog.decisionBy', { name: d.actorName ?? t('audit.system'), at: formatDateTime(d.at, locale) })}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
