import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Avatar,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  List,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  AccountBookOutlined,
  ArrowLeftOutlined,
  BankOutlined,
  CheckCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  PhoneOutlined,
  ShopOutlined,
  StopOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { get, isNotFound } from '../../app/api';
import { formatDateTime, formatFen, percentText } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useUnitLabel } from '../../app/units';
import type { EducationFund, OrgDetail, OrgLicence, OrgStatus, OrgStatusChange } from '../../app/types';
import {
  HighRiskTag,
  OrgStatusTag,
  admissionRouteLabel,
  institutionKindLabel,
  levelLabel,
  statusActionLabel,
} from './labels';
import { FundReportModal, StatusChangeModal } from './OrgModals';
import { OrgFormModal } from './OrgFormModal';

/** Fills lists a server may leave out, so the page reads one shape. */
function normalise(o: Partial<OrgDetail> & OrgDetail): OrgDetail {
  return {
    ...o,
    contacts: o.contacts ?? [],
    licences: o.licences ?? [],
    statusHistory: o.statusHistory ?? [],
    educationFunds: o.educationFunds ?? [],
    allowedStatusChanges: o.allowedStatusChanges ?? [],
    statusReason: o.statusReason ?? null,
    statusSince: o.statusSince ?? null,
    statusDecisionRef: o.statusDecisionRef ?? null,
    canEdit: o.canEdit ?? false,
    canReportFunds: o.canReportFunds ?? false,
  };
}

const STATUS_DOT: Record<OrgStatus, string> = { active: 'green', suspended: 'orange', blacklisted: 'red' };

export default function OrganisationDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const unitLabel = useUnitLabel();
  const { id } = useParams();
  const [changingTo, setChangingTo] = useState<OrgStatus | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [fundOpen, setFundOpen] = useState(false);
  const [fundEditing, setFundEditing] = useState<EducationFund | null>(null);
  const query = useQuery({
    queryKey: ['organisations', 'detail', id],
    queryFn: ({ signal }) =>
      get<{ organisation: OrgDetail }>(`/api/organisations/${encodeURIComponent(id ?? '')}`, signal),
    select: (body) => normalise(body.organisation),
    enabled: Boolean(id),
  });

  if (isNotFound(query.error)) return <NotFoundResult />;

  const org = query.data;
  const listPath = org?.kind === 'enterprise' ? '/enterprises' : '/institutions';
  const listTitle = org?.kind === 'enterprise' ? t('orgs.enterprises.title') : t('orgs.institutions.title');
  const none = t('common.none');
  const people = (n: number | null) => (n === null ? none : t('orgs.peopleValue', { count: n }));
  const isEnterprise = org?.kind === 'enterprise';

  const openFund = (row: EducationFund | null) => {
    setFundEditing(row);
    setFundOpen(true);
  };

  const actions = org ? (
    <>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
        {t('common.back')}
      </Button>
      {org.canEdit ? (
        <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="org-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {org.allowedStatusChanges.map((change) => {
        const harsh = change.to !== 'active';
        return (
          <Button
            key={change.to}
            danger={harsh}
            icon={harsh ? <StopOutlined /> : <CheckCircleOutlined />}
            onClick={() => setChangingTo(change.to)}
            data-testid={`org-status-${change.to}`}
          >
            {statusActionLabel(t, org.status, change.to, change.description)}
          </Button>
        );
      })}
      {isEnterprise && org.canReportFunds ? (
        <Button type="primary" icon={<AccountBookOutlined />} onClick={() => openFund(null)} data-testid="fund-report">
          {t('orgs.fund.report')}
        </Button>
      ) : null}
    </>
  ) : (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('common.back')}
    </Button>
  );

  return (
    <PageContainer
      title={org?.name ?? t('orgs.detail.title')}
      subTitle={t('orgs.detail.title')}
      crumbs={org ? [{ title: listTitle, path: listPath }] : []}
      menuKey={org ? listPath : undefined}
      extra={
        <Flex gap={8} wrap>
          {actions}
        </Flex>
      }
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !org ? (
        <Card variant="borderless" className="jn-card">
          <Skeleton active avatar paragraph={{ rows: 5 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card variant="borderless" className="jn-card">
            <Row gutter={[24, 16]} align="middle">
              <Col xs={24} lg={14}>
                <Flex align="center" gap={20}>
                  <Avatar
                    size={64}
                    shape="square"
                    className={isEnterprise ? 'jn-avatar-ent' : 'jn-avatar-inst'}
                    icon={isEnterprise ? <ShopOutlined /> : <BankOutlined />}
                  />
                  <div style={{ minWidth: 0 }}>
                    <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-name">
                      {org.name}
                    </Typography.Title>
                    <Space size={8} wrap style={{ marginTop: 8 }}>
                      <Tag color={isEnterprise ? 'green' : 'cyan'}>{t(`orgs.kind.${org.kind}`)}</Tag>
                      <span data-testid="org-status">
                        <OrgStatusTag status={org.status} />
                      </span>
                      {org.highRisk ? <HighRiskTag /> : null}
                      <Typography.Text type="secondary">
                        <EnvironmentOutlined /> {unitLabel(org.unitCode, org.unitName, org.unitNameEn)}
                      </Typography.Text>
                    </Space>
                  </div>
                </Flex>
              </Col>
              <Col xs={24} lg={10}>
                {isEnterprise ? (
                  <Row gutter={16}>
                    <Col span={12}>
                      <Statistic title={t('orgs.col.employees')} value={org.employees ?? none} />
                    </Col>
                    <Col span={12}>
                      <Statistic title={t('orgs.detail.fundYears')} value={org.educationFunds.length} />
                    </Col>
                  </Row>
                ) : (
                  <Row gutter={16}>
                    <Col span={12}>
                      <Statistic title={t('orgs.col.capacity')} value={org.capacity ?? none} />
                    </Col>
                    <Col span={12}>
                      <Statistic title={t('orgs.detail.licenceCount')} value={org.licences.length} />
                    </Col>
                  </Row>
                )}
              </Col>
            </Row>
            {org.status !== 'active' ? (
              <Alert
                type={org.status === 'blacklisted' ? 'error' : 'warning'}
                showIcon
                className="jn-status-alert"
                data-testid="org-status-notice"
                title={t(`orgs.statusNotice.${org.status}`)}
                description={
                  <Descriptions
                    size="small"
                    column={{ xs: 1, sm: 1, md: 3 }}
                    items={[
                      { key: 'reason', label: t('orgs.col.statusReason'), children: org.statusReason ?? none },
                      { key: 'since', label: t('orgs.col.statusSince'), children: org.statusSince ?? none },
                      {
                        key: 'ref',
                        label: t('orgs.col.decisionRef'),
                        children: org.statusDecisionRef ?? none,
                      },
                    ]}
                  />
                }
              />
            ) : null}
          </Card>

          <Card variant="borderless" className="jn-card" title={t('orgs.detail.basic')}>
            <Descriptions
              bordered
              size="middle"
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
              items={[
                { key: 'name', label: t('orgs.col.name'), children: org.name },
                {
                  key: 'creditCode',
                  label: t('orgs.col.creditCode'),
                  children: <span className="jn-mono">{org.creditCode}</span>,
                },
                { key: 'kind', label: t('orgs.col.kind'), children: t(`orgs.kind.${org.kind}`) },
                ...(org.kind === 'institution'
                  ? [
                      {
                        key: 'institutionKind',
                        label: t('orgs.col.institutionKind'),
                        children: institutionKindLabel(t, org.institutionKind) ?? none,
                      },
                      {
                        key: 'admissionRoute',
                        label: t('orgs.col.admissionRoute'),
                        children: admissionRouteLabel(t, org.admissionRoute) ?? none,
                      },
                    ]
                  : []),
                ...(org.industry || isEnterprise
                  ? [{ key: 'industry', label: t('orgs.col.industry'), children: org.industry ?? none }]
                  : []),
                {
                  key: 'highRisk',
                  label: t('orgs.col.highRisk'),
                  children: org.highRisk ? t('common.yes') : t('common.no'),
                },
                {
                  key: 'unit',
                  label: t('orgs.col.unit'),
                  children: unitLabel(org.unitCode, org.unitName, org.unitNameEn),
                },
                { key: 'status', label: t('orgs.col.status'), children: <OrgStatusTag status={org.status} /> },
                { key: 'employees', label: t('orgs.col.employees'), children: people(org.employees) },
                ...(org.kind === 'institution'
                  ? [{ key: 'capacity', label: t('orgs.col.capacity'), children: people(org.capacity) }]
                  : []),
              ]}
            />
          </Card>

          {org.kind === 'institution' ? <LicenceCard licences={org.licences} /> : null}

          {isEnterprise ? (
            <FundCard
              funds={org.educationFunds}
              canReport={org.canReportFunds}
              onReport={() => openFund(null)}
              onEdit={(row) => openFund(row)}
            />
          ) : null}

          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card variant="borderless" className="jn-card jn-fill" title={t('orgs.detail.contacts')}>
                {org.contacts.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.detail.contactsEmpty')} />
                ) : (
                  <List
                    dataSource={org.contacts}
                    data-testid="org-contacts"
                    renderItem={(c) => (
                      <List.Item>
                        <List.Item.Meta
                          avatar={<Avatar icon={<UserOutlined />} className="jn-avatar" />}
                          title={c.name}
                          description={
                            <span className="jn-mono">
                              <PhoneOutlined /> {c.phoneMasked ?? none}
                            </span>
                          }
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card variant="borderless" className="jn-card jn-fill" title={t('orgs.detail.history')}>
                {org.statusHistory.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.detail.historyEmpty')} />
                ) : (
                  <Timeline
                    className="jn-status-timeline"
                    data-testid="org-status-history"
                    items={org.statusHistory.map((h: OrgStatusChange, i) => ({
                      key: `${h.at}-${i}`,
                      color: STATUS_DOT[h.toStatus] ?? 'gray',
                      content: (
                        <div className="jn-history-item">
                          <Space size={6} wrap>
                            <Typography.Text strong className="jn-nowrap">
                              {h.effectiveDate}
                            </Typography.Text>
                            <OrgStatusTag status={h.fromStatus} />
                            <span className="jn-muted">→</span>
                            <OrgStatusTag status={h.toStatus} />
                          </Space>
                          <div className="jn-history-reason">{h.reason}</div>
                          <Typography.Text type="secondary" className="jn-small">
                            {[
                              h.decisionRef ? t('orgs.history.ref', { ref: h.decisionRef }) : null,
                              t('orgs.history.by', {
                                name: h.actorName ?? t('audit.system'),
                                at: formatDateTime(h.at, locale),
                              }),
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </Typography.Text>
                        </div>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Col>
          </Row>

          <StatusChangeModal org={org} to={changingTo} onClose={() => setChangingTo(null)} />
          {org.canEdit ? (
            <OrgFormModal kind={org.kind} org={org} open={editOpen} onClose={() => setEditOpen(false)} />
          ) : null}
          {isEnterprise && org.canReportFunds ? (
            <FundReportModal
              orgId={org.id}
              open={fundOpen}
              initial={fundEditing}
              onClose={() => setFundOpen(false)}
            />
          ) : null}
        </Flex>
      )}
    </PageContainer>
  );
}

function LicenceCard({ licences }: { licences: OrgLicence[] }) {
  const t = useT();
  const columns: TableColumnsType<OrgLicence> = [
    {
      title: t('orgs.licence.code'),
      dataIndex: 'occupationCode',
      key: 'code',
      width: 140,
      render: (v: string) => <span className="jn-mono">{v}</span>,
    },
    {
      title: t('orgs.licence.occupation'),
      dataIndex: 'occupationName',
      key: 'name',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('orgs.licence.levels'),
      dataIndex: 'levels',
      key: 'levels',
      render: (levels: string[]) => (
        <Space size={[4, 4]} wrap>
          {levels.map((l) => (
            <Tag key={l} color={l === 'special' ? 'purple' : 'blue'} className="jn-tag-tight">
              {levelLabel(t, l)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card
      variant="borderless"
      className="jn-card"
      title={t('orgs.detail.licences')}
      extra={<Typography.Text type="secondary">{t('orgs.detail.licencesHint')}</Typography.Text>}
    >
      <Table<OrgLicence>
        rowKey="occupationCode"
        size="middle"
        columns={columns}
        dataSource={licences}
        pagination={licences.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 'max-content' }}
        data-testid="org-licences"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.detail.licencesEmpty')} /> }}
      />
    </Card>
  );
}

function FundCard({
  funds,
  canReport,
  onReport,
  onEdit,
}: {
  funds: EducationFund[];
  canReport: boolean;
  onReport: () => void;
  onEdit: (row: EducationFund) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const money = (fen: number) => <span className="jn-mono">{formatFen(fen)}</span>;
  const rows = [...funds].sort((a, b) => b.year - a.year);
  const columns: TableColumnsType<EducationFund> = [
    { title: t('orgs.fund.col.year'), dataIndex: 'year', key: 'year', width: 90 },
    { title: t('orgs.fund.col.payroll'), dataIndex: 'payrollFen', key: 'payroll', align: 'right', render: money },
    {
      title: t('orgs.fund.col.fund'),
      dataIndex: 'educationFundFen',
      key: 'fund',
      align: 'right',
      render: (fen: number, row) => (
        <Flex vertical align="flex-end" gap={0}>
          {money(fen)}
          <Typography.Text type="secondary" className="jn-small">
            {t('orgs.fund.ofPayroll', { percent: percentText(row.educationFundFen, row.payrollFen, 'up') ?? '—' })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('orgs.fund.col.frontLine'),
      dataIndex: 'frontLineFen',
      key: 'frontLine',
      align: 'right',
      render: (fen: number, row) => (
        <Flex vertical align="flex-end" gap={0}>
          {money(fen)}
          <Typography.Text type="secondary" className="jn-small">
            {t('orgs.fund.ofFund', { percent: percentText(row.frontLineFen, row.educationFundFen, 'down') ?? '—' })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('orgs.fund.col.checks'),
      dataIndex: 'warnings',
      key: 'warnings',
      render: (warnings: EducationFund['warnings']) =>
        warnings.length === 0 ? (
          <Tag color="success" icon={<CheckCircleOutlined />}>
            {t('orgs.fund.ok')}
          </Tag>
        ) : (
          <Flex vertical gap={4} align="flex-start">
            {warnings.map((w) => (
              <Tag key={w.code} color="orange" icon={<WarningOutlined />} className="jn-tag-wrap">
                {w.message[locale] ?? w.message['zh-CN'] ?? w.code}
              </Tag>
            ))}
          </Flex>
        ),
    },
    ...(canReport
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, row: EducationFund) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(row)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      variant="borderless"
      className="jn-card"
      title={t('orgs.detail.funds')}
      extra={
        <Tooltip title={t('orgs.fund.rule')}>
          <Typography.Text type="secondary">
            <ExclamationCircleOutlined /> {t('orgs.fund.ruleShort')}
          </Typography.Text>
        </Tooltip>
      }
    >
      <Table<EducationFund>
        rowKey="year"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="org-funds"
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.fund.empty')}>
              {canReport ? (
                <Button type="primary" icon={<AccountBookOutlined />} onClick={onReport}>
                  {t('orgs.fund.report')}
                </Button>
              ) : null}
            </Empty>
          ),
        }}
      />
    </Card>
  );
}
