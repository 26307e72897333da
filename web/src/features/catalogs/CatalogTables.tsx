import { Button, Empty, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useT, type Translate } from '../../i18n';
import { formatFen } from '../../app/format';
import type { CatalogInstitution, CatalogProject, RefCode } from '../../app/types';
import { levelLabel, institutionKindLabel } from '../organisations/labels';

const code = (v: string) => <span className="jn-mono">{v}</span>;
/** The level in the current language; the server's name for a code this client does not know. */
function levelText(t: Translate, code: string, name: string): string {
  const label = levelLabel(t, code);
  return label === code && name ? name : label;
}

const pagination = (n: number) => (n > 20 ? { defaultPageSize: 20, showSizeChanger: true } : false);

/**
 * The projects of a catalog (职业编码, 职业, 等级, 培训类型, 标准课时, 教学计划, 教学大纲, 补贴标准).
 * `trainingTypes` names the types in the current language where known; `onRemove` adds 删除 per row.
 */
export function ProjectTable({
  rows,
  trainingTypes,
  typeName,
  onRemove,
  removing,
  testId,
}: {
  rows: CatalogProject[];
  trainingTypes?: RefCode[];
  typeName?: (entry: RefCode) => string;
  onRemove?: (row: CatalogProject) => Promise<unknown>;
  removing?: boolean;
  testId?: string;
}) {
  const t = useT();
  const typeLabel = (row: CatalogProject) => {
    const entry = trainingTypes?.find((x) => x.code === row.trainingType);
    return entry && typeName ? typeName(entry) : row.trainingTypeName || row.trainingType;
  };
  const columns: TableColumnsType<CatalogProject> = [
    {
      title: t('catalog.col.occupationCode'),
      dataIndex: 'occupationCode',
      key: 'code',
      width: 130,
      sorter: (a, b) => a.occupationCode.localeCompare(b.occupationCode),
      render: code,
    },
    { title: t('catalog.col.occupation'), dataIndex: 'occupationName', key: 'occupation' },
    {
      title: t('catalog.col.level'),
      dataIndex: 'levelCode',
      key: 'level',
      render: (v: string, row) => (
        <Tag color={v === 'special' ? 'purple' : 'blue'} className="jn-tag-tight">
          {levelText(t, v, row.levelName)}
        </Tag>
      ),
    },
    {
      title: t('catalog.col.trainingType'),
      dataIndex: 'trainingType',
      key: 'type',
      render: (_: string, row) => <span className="jn-catalog-wrap">{typeLabel(row)}</span>,
    },
    {
      title: t('catalog.col.standardHours'),
      dataIndex: 'standardHours',
      key: 'hours',
      align: 'right',
      render: (v: number) => <span className="jn-mono">{v}</span>,
    },
    {
      title: t('catalog.col.teachingPlan'),
      dataIndex: 'teachingPlanRef',
      key: 'plan',
      render: (v: string) => <Typography.Text className="jn-catalog-ref">{v || t('common.none')}</Typography.Text>,
    },
    {
      title: t('catalog.col.syllabus'),
      dataIndex: 'syllabusRef',
      key: 'syllabus',
      render: (v: string) => <Typography.Text className="jn-catalog-ref">{v || t('common.none')}</Typography.Text>,
    },
    {
      title: t('catalog.col.subsidy'),
      dataIndex: 'subsidyFen',
      key: 'subsidy',
      align: 'right',
      sorter: (a, b) => a.subsidyFen - b.subsidyFen,
      render: (fen: number) => <span className="jn-mono jn-nowrap">{formatFen(fen, false)}</span>,
    },
    ...(onRemove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, row: CatalogProject) => (
              <Popconfirm
                title={t('catalog.removeProjectConfirm', { name: row.occupationName, level: levelLabel(t, row.levelCode) })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true, loading: removing }}
                cancelText={t('common.cancel')}
                onConfirm={() => onRemove(row).catch(() => undefined)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="catalog-remove-project">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<CatalogProject>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={pagination(rows.length)}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.projectsEmpty')} /> }}
    />
  );
}

const institutionKey = (r: CatalogInstitution) => `${r.orgId}|${r.occupationCode}|${r.levelCode}`;

/** The institutions of a catalog (机构, 统一社会信用代码, 所属县区, 职业, 等级); `onRemove` adds 移除 per row. */
export function InstitutionTable({
  rows,
  onRemove,
  removing,
  testId,
}: {
  rows: CatalogInstitution[];
  onRemove?: (row: CatalogInstitution) => Promise<unknown>;
  removing?: boolean;
  testId?: string;
}) {
  const t = useT();
  const columns: TableColumnsType<CatalogInstitution> = [
    {
      title: t('catalog.col.institution'),
      dataIndex: 'orgName',
      key: 'org',
      sorter: (a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'),
      render: (name: string, row) => (
        <div>
          <div>{name}</div>
          {row.institutionKind ? (
            <Typography.Text type="secondary" className="jn-small">
              {institutionKindLabel(t, row.institutionKind)}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: t('catalog.col.creditCode'), dataIndex: 'creditCode', key: 'creditCode', render: code },
    { title: t('catalog.col.unit'), dataIndex: 'unitName', key: 'unit' },
    {
      title: t('catalog.col.occupation'),
      dataIndex: 'occupationName',
      key: 'occupation',
      render: (name: string, row) => (
        <div>
          <div>{name}</div>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {row.occupationCode}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('catalog.col.level'),
      dataIndex: 'levelCode',
      key: 'level',
      render: (v: string, row) => (
        <Tag color={v === 'special' ? 'purple' : 'blue'} className="jn-tag-tight">
          {levelText(t, v, row.levelName)}
        </Tag>
      ),
    },
    ...(onRemove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, row: CatalogInstitution) => (
              <Popconfirm
                title={t('catalog.removeInstitutionConfirm', {
                  name: row.orgName,
                  occupation: row.occupationName,
                  level: levelLabel(t, row.levelCode),
                })}
                okText={t('catalog.remove')}
                okButtonProps={{ danger: true, loading: removing }}
                cancelText={t('common.cancel')}
                onConfirm={() => onRemove(row).catch(() => undefined)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="catalog-remove-institution">
                  {t('catalog.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<CatalogInstitution>
      rowKey={institutionKey}
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={pagination(rows.length)}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.institutionsEmpty')} /> }}
    />
  );
}
