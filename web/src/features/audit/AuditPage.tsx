import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { RobotOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { zhCN, type MessageKey } from '../../i18n/zh-CN';
import { errorText, get, withQuery } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { roleLabel } from '../../app/roles';
import type { AuditEntry, AuditVerification, Paged } from '../../app/types';

function actionColor(action: string): string {
  if (action.startsWith('auth.')) return 'blue';
  if (action.startsWith('user.') || action.startsWith('admin.')) return 'magenta';
  if (action.startsWith('reference.')) return 'cyan';
  if (action.startsWith('claim.') || action.startsWith('payment.')) return 'gold';
  if (action.startsWith('system.') || action.startsWith('seed.')) return 'purple';
  return 'default';
}

export default function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const list = useListParams();
  const action = list.param('action');
  const actor = list.param('actor');

  const query = useQuery({
    queryKey: ['audit', 'list', { page: list.page, pageSize: list.pageSize, action, actor }],
    queryFn: ({ signal }) =>
      get<Paged<AuditEntry>>(withQuery('/api/audit', { page: list.page, pageSize: list.pageSize, action, actor }), signal),
    placeholderData: keepPreviousData,
  });

  const { message } = AntApp.useApp();
  const verify = useMutation({
    mutationFn: () => get<AuditVerification>('/api/audit/verify'),
    onError: (error) => message.error(errorText(error, locale, t)),
  });
  const verification = verify.data;

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.col.seq'), dataIndex: 'seq', key: 'seq', width: 90, render: (v: number) => <span className="jn-mono">{v}</span> },
    {
      title: t('audit.col.at'),
      dataIndex: 'at',
      key: 'at',
      width: 190,
      render: (v: string) => <span className="jn-nowrap">{formatDateTime(v, locale)}</span>,
    },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorUsername',
      key: 'actor',
      render: (v: string | null, row) =>
        v ? (
          <div>
            <div>{v}</div>
            {row.actorRole ? (
              <Typography.Text type="secondary" className="jn-small">
                {roleLabel(t, row.actorRole)}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          <Typography.Text type="secondary">
            <RobotOutlined /> {t('audit.system')}
          </Typography.Text>
        ),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => {
        const key = `auditAction.${v}` as MessageKey;
        return (
          <Tooltip title={v}>
            <Tag color={actionColor(v)}>{key in zhCN ? t(key) : v}</Tag>
          </Tooltip>
        );
      },
    },
    {
      title: t('audit.col.target'),
      key: 'target',
      render: (_: unknown, row) =>
        row.targetType || row.targetId ? (
          <span className="jn-mono jn-small">
            {row.targetType ?? ''}
            {row.targetType && row.targetId ? ':' : ''}
            {row.targetId ?? ''}
          </span>
        ) : (
          none
        ),
    },
    {
      title: t('audit.col.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      render: (v: string | null) => (v ? <Typography.Text className="jn-mono jn-small" copyable={{ text: v }}>{v}</Typography.Text> : none),
    },
  ];

  const filtered = Boolean(action || actor);

  return (
    <PageContainer
      title={t('audit.title')}
      subTitle={t('audit.subtitle')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {verification ? (
        <Alert
          className="jn-verify-result"
          data-testid="audit-verify-result"
          data-ok={String(verification.ok)}
          type={verification.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          title={verification.ok ? t('audit.verify.okTitle') : t('audit.verify.brokenTitle')}
          description={
            verification.ok
              ? t('audit.verify.ok', { rows: verification.rows, lastSeq: verification.lastSeq })
              : `${t(`audit.verify.${verification.problem.kind}`, {
                  seq: verification.problem.seq,
                  expected: verification.problem.expectedSeq ?? verification.problem.seq,
                })} ${t('audit.verify.rows', { rows: verification.rows })}`
          }
        />
      ) : null}
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onReset={filtered ? () => list.update({ action: undefined, actor: undefined }) : undefined}
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
        >
          <SearchBox
            value={action}
            placeholder={t('audit.actionPlaceholder')}
            onSearch={(v) => list.update({ action: v })}
            testId="audit-action"
            width={260}
          />
          <SearchBox
            value={actor}
            placeholder={t('audit.actorPlaceholder')}
            onSearch={(v) => list.update({ actor: v })}
            testId="audit-actor"
            width={240}
          />
        </ListToolbar>
        <PagedTable<AuditEntry>
          rowKey="seq"
          columns={columns}
          query={query}
          list={list}
          filtered={filtered}
          expandable={{
            expandedRowRender: (row) =>
              row.summary && Object.keys(row.summary).length > 0 ? (
                <pre className="jn-json">{JSON.stringify(row.summary, null, 2)}</pre>
              ) : (
                <Typography.Text type="secondary">{t('audit.summaryEmpty')}</Typography.Text>
              ),
          }}
        />
      </Card>
    </PageContainer>
  );
}
