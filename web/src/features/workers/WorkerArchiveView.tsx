import { useState, type ReactNode } from 'react';
import {
  Avatar,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  AuditOutlined,
  EditOutlined,
  EnvironmentOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  FilePdfOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { ageFrom, beijingToday, formatDateTime, formatFen, parseYuanToFen } from '../../app/format';
import { useRefName } from '../../app/reference';
import { useUnitLabel } from '../../app/units';
import type {
  ArchiveCertificate,
  ArchiveClass,
  ArchiveResult,
  ArchiveSubsidy,
  CategoryPeriod,
  RevealField,
  WorkerArchive,
} from '../../app/types';
import { archivePdfUrl, periodState } from './api';
import { AddCategoryModal, EndCategoryModal } from './CategoryModals';
import { claimStatusLabel, paymentKindLabel } from '../claims/labels';
import { categorySourceLabel, educationLabel, PeriodTag } from './labels';
import { RevealModal } from './RevealModal';

type Revealed = Partial<Record<RevealField, { value: string | null; masked: string | null }>>;

/**
 * The electronic training archive (职业培训电子档案): header card with the masked ID and phone numbers (查看
 * reveals one for this page view only, audited), details, then categories, classes, results, certificates
 * and subsidies. Render with `key={worker.id}` so a revealed number never carries over to another person.
 */
export function WorkerArchiveView({ archive }: { archive: WorkerArchive }) {
  const t = useT();
  const { locale } = useLocale();
  const unitLabel = useUnitLabel();
  const { worker } = archive;
  const [revealing, setRevealing] = useState<RevealField | null>(null);
  // Component state only: never cached, gone on reload or when leaving the page.
  const [revealed, setRevealed] = useState<Revealed>({});

  const age = ageFrom(worker.birthDate);
  const unit = unitLabel(worker.unitCode, worker.unitName, worker.unitNameEn);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const masked: Record<RevealField, string | null> = { idNumber: worker.idNumberMasked, phone: worker.phoneMasked };

  const identityLine = (field: RevealField): ReactNode => {
    const current = masked[field];
    // A revealed value is shown only while it still matches the record (an edit hides it again).
    const shown = revealed[field] && revealed[field].masked === current ? revealed[field] : undefined;
    return (
      <div className="jn-id-line">
        <span className="jn-id-label">{t(field === 'idNumber' ? 'workers.col.idNumber' : 'workers.col.phone')}</span>
        {shown ? (
          <Space size={6} wrap>
            <span className="jn-mono jn-id-value jn-id-revealed" data-testid={`revealed-${field}`}>
              {shown.value ?? t('reveal.noValue')}
            </span>
            <Tag color="gold" icon={<AuditOutlined />} className="jn-tag-tight">
              {t('archive.audited')}
            </Tag>
            <Button
              type="link"
              size="small"
              icon={<EyeInvisibleOutlined />}
              onClick={() => setRevealed((r) => ({ ...r, [field]: undefined }))}
            >
              {t('archive.hide')}
            </Button>
          </Space>
        ) : (
          <Space size={6} wrap>
            <span className="jn-mono jn-id-value">{current ?? t('common.none')}</span>
            {archive.canReveal && current ? (
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                onClick={() => setRevealing(field)}
                data-testid={`reveal-${field}`}
              >
                {t('archive.reveal')}
              </Button>
            ) : null}
          </Space>
        )}
      </div>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" className="jn-card">
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} lg={13}>
            <Flex align="center" gap={20}>
              <Avatar
                size={64}
                icon={<UserOutlined />}
                className={worker.gender === 'F' ? 'jn-avatar-f' : 'jn-avatar-m'}
              />
              <div style={{ minWidth: 0 }}>
                <Space size={10} align="center" wrap>
                  <Typography.Title level={4} style={{ margin: 0 }} data-testid="worker-name">
                    {worker.name}
                  </Typography.Title>
                  <Tag color={worker.gender === 'F' ? 'magenta' : 'blue'}>{t(`workers.gender.${worker.gender}`)}</Tag>
                  {age !== null ? <Tag>{t('workers.ageValue', { age })}</Tag> : null}
                  {worker.disability ? <Tag color="purple">{t('archive.disabled')}</Tag> : null}
                </Space>
                <div className="jn-profile-meta">
                  <Typography.Text type="secondary">
                    <EnvironmentOutlined />{' '}
                    {worker.townshipName ? t('workers.location', { unit, township: worker.townshipName }) : unit}
                  </Typography.Text>
                </div>
              </div>
            </Flex>
          </Col>
          <Col xs={24} lg={11}>
            <div className="jn-id-box">
              {identityLine('idNumber')}
              {identityLine('phone')}
              <div className="jn-id-note">
                <SafetyCertificateOutlined /> {archive.canReveal ? t('archive.revealNote') : t('workers.detail.masking')}
              </div>
            </div>
          </Col>
        </Row>
      </Card>

      <Card variant="borderless" className="jn-card" title={t('workers.detail.basic')}>
        <Descriptions
          bordered
          size="middle"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={[
            { key: 'name', label: t('workers.col.name'), children: worker.name },
            { key: 'gender', label: t('workers.col.gender'), children: t(`workers.gender.${worker.gender}`) },
            {
              key: 'birthDate',
              label: t('workers.col.birthDate'),
              children: (
                <span>
                  {worker.birthDate}
                  {age !== null ? (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {t('workers.ageValue', { age })}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            {
              key: 'idNumber',
              label: t('workers.col.idNumber'),
              children: <span className="jn-mono">{worker.idNumberMasked}</span>,
            },
            {
              key: 'phone',
              label: t('workers.col.phone'),
              children: worker.phoneMasked ? <span className="jn-mono">{worker.phoneMasked}</span> : none,
            },
            { key: 'education', label: t('workers.col.education'), children: educationLabel(t, worker.education) ?? none },
            { key: 'unit', label: t('workers.col.unit'), children: unit },
            {
              key: 'township',
              label: t('workers.col.township'),
              children: worker.townshipName ? (
                <span>
                  {worker.townshipName}
                  {worker.townshipCode ? (
                    <Typography.Text type="secondary" className="jn-mono jn-small" style={{ marginInlineStart: 8 }}>
                      {worker.townshipCode}
                    </Typography.Text>
                  ) : null}
                </span>
              ) : (
                (worker.townshipCode ?? none)
              ),
            },
            {
              key: 'disability',
              label: t('workers.col.disability'),
              children:
                worker.disability === null ? none : worker.disability ? t('common.yes') : t('common.no'),
            },
            {
              key: 'registeredAt',
              label: t('workers.col.registeredAt'),
              children: formatDateTime(worker.registeredAt, locale),
            },
            {
              key: 'updatedAt',
              label: t('workers.col.updatedAt'),
              children: formatDateTime(worker.updatedAt, locale),
            },
          ]}
        />
      </Card>

      <ArchiveTabs archive={archive} />

      <RevealModal
        workerId={worker.id}
        field={revealing}
        onClose={() => setRevealing(null)}
        onRevealed={(field, value) => setRevealed((r) => ({ ...r, [field]: { value, masked: masked[field] } }))}
      />
    </Flex>
  );
}

function TabLabel({ label, count }: { label: string; count: number }) {
  return (
    <span>
      {label}
      <Badge count={count} showZero color={count > 0 ? '#1d5fd6' : '#d0d5dd'} size="small" className="jn-tab-badge" />
    </span>
  );
}

function ArchiveTabs({ archive }: { archive: WorkerArchive }) {
  const t = useT();
  const { locale } = useLocale();
  const refName = useRefName();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<CategoryPeriod | null>(null);
  const today = beijingToday();
  const workerId = archive.worker.id;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const text = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? none : v);
  const emptyText = {
    emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.empty')} />,
  };

  const categoryColumns: TableColumnsType<CategoryPeriod> = [
    {
      title: t('archive.cat.col.category'),
      dataIndex: 'name',
      key: 'name',
      render: (_: string, row) => <span className="jn-strong-link">{refName(row)}</span>,
    },
    { title: t('archive.cat.col.validFrom'), dataIndex: 'validFrom', key: 'validFrom', width: 130 },
    {
      title: t('archive.cat.col.validTo'),
      dataIndex: 'validTo',
      key: 'validTo',
      width: 130,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('archive.cat.openEnded')}</Typography.Text>,
    },
    {
      title: t('archive.cat.col.status'),
      key: 'state',
      width: 110,
      render: (_: unknown, row) => <PeriodTag state={periodState(row, today)} />,
    },
    {
      title: t('archive.cat.col.employer'),
      dataIndex: 'employerName',
      key: 'employer',
      render: (v: string | null) => text(v),
    },
    {
      title: t('archive.cat.col.source'),
      dataIndex: 'source',
      key: 'source',
      render: (v: string) => <Typography.Text type="secondary">{categorySourceLabel(t, v)}</Typography.Text>,
    },
    ...(archive.canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, row: CategoryPeriod) =>
              row.validTo === null ? (
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  onClick={() => setEnding(row)}
                  data-testid={`category-end-${row.code}`}
                >
                  {t('archive.cat.end')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const classColumns: TableColumnsType<ArchiveClass> = [
    { title: t('archive.cls.col.class'), dataIndex: 'className', key: 'className', render: text },
    { title: t('archive.cls.col.occupation'), dataIndex: 'occupation', key: 'occupation', render: text },
    { title: t('archive.cls.col.level'), dataIndex: 'level', key: 'level', render: text },
    { title: t('archive.cls.col.institution'), dataIndex: 'institution', key: 'institution', render: text },
    {
      title: t('archive.cls.col.dates'),
      key: 'dates',
      render: (_: unknown, row) =>
        row.startDate ? t('archive.dateRange', { from: row.startDate, to: row.endDate ?? '' }) : none,
    },
    { title: t('archive.cls.col.status'), dataIndex: 'status', key: 'status', render: text },
  ];
  const resultColumns: TableColumnsType<ArchiveResult> = [
    { title: t('archive.res.col.class'), dataIndex: 'className', key: 'className', render: text },
    { title: t('archive.res.col.result'), dataIndex: 'result', key: 'result', render: text },
    { title: t('archive.res.col.score'), dataIndex: 'score', key: 'score', render: text },
    { title: t('archive.res.col.date'), dataIndex: 'date', key: 'date', render: text },
  ];
  const certificateColumns: TableColumnsType<ArchiveCertificate> = [
    {
      title: t('archive.cert.col.number'),
      dataIndex: 'number',
      key: 'number',
      render: (v: string | undefined) => (v ? <span className="jn-mono">{v}</span> : none),
    },
    { title: t('archive.cert.col.type'), dataIndex: 'type', key: 'type', render: text },
    { title: t('archive.cert.col.occupation'), dataIndex: 'occupation', key: 'occupation', render: text },
    { title: t('archive.cert.col.level'), dataIndex: 'level', key: 'level', render: text },
    { title: t('archive.cert.col.issuer'), dataIndex: 'issuer', key: 'issuer', render: text },
    { title: t('archive.cert.col.date'), dataIndex: 'issuedOn', key: 'issuedOn', render: text },
  ];
  const subsidyColumns: TableColumnsType<ArchiveSubsidy> = [
    {
      title: t('archive.sub.col.item'),
      dataIndex: 'item',
      key: 'item',
      render: (v: string | undefined, row) => (
        <Space size={6} wrap>
          <span>{row.kind && locale === 'en' ? paymentKindLabel(t, row.kind) : text(v)}</span>
          {isToPerson(row) ? (
            <Tag color="gold" icon={<UserOutlined />} className="jn-tag-tight">
              {t('archive.sub.toPerson')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    ...(archive.subsidies.some((x) => x.className)
      ? [{ title: t('archive.sub.col.class'), dataIndex: 'className', key: 'class', render: (v: string | undefined) => text(v) }]
      : []),
    {
      title: t('archive.sub.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_: unknown, row) => {
        const fen = subsidyFen(row);
        return fen === null ? none : <span className={`jn-mono${isRefused(row) ? ' jn-withdrawn' : ''}`}>{formatFen(fen)}</span>;
      },
    },
    { title: t('archive.sub.col.fund'), dataIndex: 'fund', key: 'fund', render: text },
    {
      title: t('archive.sub.col.status'),
      dataIndex: 'status',
      key: 'status',
      render: (v: string | undefined, row) =>
        v ? (
          <Tag color={subsidyStatusColor(row)} className="jn-tag-wrap">
            {row.claimStatus && !isRefused(row) ? claimStatusLabel(t, row.claimStatus, v) : v}
          </Tag>
        ) : (
          none
        ),
    },
    { title: t('archive.sub.col.paidOn'), dataIndex: 'paidOn', key: 'paidOn', render: text },
  ];

  const table = <T extends object>(testId: string, columns: TableColumnsType<T>, rows: T[], rowKey?: keyof T & string) => (
    <div data-testid={testId}>
      <Table<T>
        rowKey={rowKey ?? ((row) => JSON.stringify(row))}
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, hideOnSinglePage: true } : false}
        scroll={{ x: 'max-content' }}
        locale={emptyText}
      />
    </div>
  );

  return (
    <Card variant="borderless" className="jn-card jn-archive-tabs">
      <Tabs
        defaultActiveKey="categories"
        items={[
          {
            key: 'categories',
            label: <TabLabel label={t('archive.tab.categories')} count={archive.categories.length} />,
            children: (
              <Flex vertical gap={12}>
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Typography.Text type="secondary">{t('archive.cat.hint')}</Typography.Text>
                  {archive.canWrite ? (
                    <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="category-add">
                      {t('archive.cat.add')}
                    </Button>
                  ) : null}
                </Flex>
                {table('archive-categories', categoryColumns, archive.categories, 'id')}
              </Flex>
            ),
          },
          {
            key: 'classes',
            label: <TabLabel label={t('archive.tab.classes')} count={archive.classes.length} />,
            children: table('archive-classes', classColumns, archive.classes),
          },
          {
            key: 'results',
            label: <TabLabel label={t('archive.tab.results')} count={archive.results.length} />,
            children: table('archive-results', resultColumns, archive.results),
          },
          {
            key: 'certificates',
            label: <TabLabel label={t('archive.tab.certificates')} count={archive.certificates.length} />,
            children: table('archive-certificates', certificateColumns, archive.certificates),
          },
          {
            key: 'subsidies',
            label: <TabLabel label={t('archive.tab.subsidies')} count={archive.subsidies.length} />,
            children: (
              <Flex vertical gap={12}>
                {archive.subsidies.length > 0 ? <SubsidySummary rows={archive.subsidies} /> : null}
                {table('archive-subsidies', subsidyColumns, archive.subsidies)}
              </Flex>
            ),
          },
        ]}
      />
      {archive.canWrite ? (
        <>
          <AddCategoryModal workerId={workerId} open={adding} onClose={() => setAdding(false)} />
          <EndCategoryModal workerId={workerId} period={ending} onClose={() => setEnding(null)} />
        </>
      ) : null}
    </Card>
  );
}

/** 导出 PDF (a plain download link) and 编辑 (canWrite) for the page header. */
export function ArchiveActions({ archive, onEdit }: { archive: WorkerArchive; onEdit?: () => void }) {
  const t = useT();
  return (
    <>
      <Tooltip title={t('archive.pdfHint')}>
        <Button
          href={archivePdfUrl(archive.worker.id)}
          download
          icon={<FilePdfOutlined />}
          data-testid="archive-pdf"
        >
          {t('archive.exportPdf')}
        </Button>
      </Tooltip>
      {archive.canWrite && onEdit ? (
        <Button type="primary" icon={<EditOutlined />} onClick={onEdit} data-testid="worker-edit">
          {t('common.edit')}
        </Button>
      ) : null}
    </>
  );
}

/** A subsidy line's amount in fen: the server's integer where given, else its yuan text parsed exactly. */
function subsidyFen(row: ArchiveSubsidy): number | null {
  if (typeof row.amountFen === 'number') return row.amountFen;
  return parseYuanToFen(row.amountYuan);
}

/** The §3 living allowance is paid to the person themself; the other lines to the organiser. */
function isToPerson(row: ArchiveSubsidy): boolean {
  if (row.payeeKind) return row.payeeKind === 'worker';
  if (row.kind) return row.kind === 'living_allowance';
  return /生活费补贴/.test(row.item ?? '');
}

const isPaid = (row: ArchiveSubsidy) => (row.claimStatus ? row.claimStatus === 'paid' : row.status === '已拨付') && !isRefused(row);
const isRefused = (row: ArchiveSubsidy) => /^已核减/.test(row.status ?? '') || row.claimStatus === 'rejected';

function subsidyStatusColor(row: ArchiveSubsidy): string {
  if (isRefused(row)) return 'error';
  if (isPaid(row)) return 'success';
  if (row.claimStatus === 'returned' || row.status === '已退回') return 'warning';
  return 'processing';
}

/** 已拨付 … · 其中发给本人 … · 办理中 …: integer fen sums. */
function SubsidySummary({ rows }: { rows: ArchiveSubsidy[] }) {
  const t = useT();
  const sum = (pick: (r: ArchiveSubsidy) => boolean) => rows.filter(pick).reduce((s, r) => s + (subsidyFen(r) ?? 0), 0);
  const paid = sum(isPaid);
  const paidToPerson = sum((r) => isPaid(r) && isToPerson(r));
  const pending = sum((r) => !isPaid(r) && !isRefused(r));
  return (
    <Flex gap={32} wrap className="jn-archive-sub-summary" data-testid="archive-subsidy-summary">
      <Flex vertical gap={0}>
        <Typography.Text type="secondary" className="jn-small">
          {t('archive.sub.paid')}
        </Typography.Text>
        <span className="jn-mono jn-archive-sub-value">{formatFen(paid)}</span>
      </Flex>
      <Flex vertical gap={0}>
        <Typography.Text type="secondary" className="jn-small">
          {t('archive.sub.paidToPerson')}
        </Typography.Text>
        <span className="jn-mono jn-archive-sub-value jn-archive-sub-person" data-testid="archive-living-allowance">
          {formatFen(paidToPerson)}
        </span>
      </Flex>
      {pending > 0 ? (
        <Flex vertical gap={0}>
          <Typography.Text type="secondary" className="jn-small">
            {t('archive.sub.pending')}
          </Typography.Text>
          <span className="jn-mono jn-archive-sub-value jn-muted">{formatFen(pending)}</span>
        </Flex>
      ) : null}
    </Flex>
  );
}
