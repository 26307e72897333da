import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Badge,
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
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExportOutlined,
  MessageOutlined,
  PayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, isNotFound } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatDateTime, formatFen } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useUnitLabel } from '../../app/units';
import { problemMessage } from '../classes/labels';
import { sumBy, useClaimAction, useClaimView, usePublicAnnouncement } from './api';
import { AnswerForm, ClaimReasonsModal, PayModal, RefuseLineModal } from './ClaimModals';
import {
  CLAIM_DECISION_COLORS,
  ClaimStatusTag,
  claimActionLabel,
  claimDecisionLabel,
  FundName,
} from './labels';
import { groupsOfClaim, TraineeLines, type LineView, type TraineeGroup } from './TraineeLines';
import type { ClaimAction, ClaimActionOption, ClaimDecision, ClaimView, Objection } from './types';

const ACTION_ICONS: Record<ClaimAction, ReactNode> = {
  county_approve: <CheckCircleOutlined />,
  county_return: <RollbackOutlined />,
  resubmit: <SendOutlined />,
  withdraw: <StopOutlined />,
  city_approve: <CheckCircleOutlined />,
  city_return: <RollbackOutlined />,
  reject: <CloseCircleOutlined />,
  pay: <PayCircleOutlined />,
};
const HARSH: ReadonlySet<ClaimAction> = new Set(['county_return', 'city_return', 'reject', 'withdraw']);

type TabKey = 'lines' | 'objections' | 'decisions';

/** 补贴申领详情: status, amounts by fund, the actions open to the caller, then lines, objections and decisions. */
export default function ClaimDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const view = useClaimView(id);
  const crumbs = [{ title: t('claim.title'), path: '/claims' }];
  if (isNotFound(view.error)) return <NotFoundResult />;
  if (view.isError) {
    return (
      <PageContainer title={t('claim.detail')} crumbs={crumbs} menuKey="/claims">
        <LoadError error={view.error} onRetry={() => void view.refetch()} />
      </PageContainer>
    );
  }
  if (!view.data) {
    return (
      <PageContainer title={t('claim.detail')} crumbs={crumbs} menuKey="/claims">
        <Card variant="borderless" className="jn-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }
  return <ClaimDetail data={view.data} />;
}

function ClaimDetail({ data }: { data: ClaimView }) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const unitLabel = useUnitLabel();
  const [params, setParams] = useSearchParams();
  const claim = data.claim;
  const act = useClaimAction(claim.id);
  const [reasonsFor, setReasonsFor] = useState<ClaimAction | null>(null);
  const [paying, setPaying] = useState(false);
  const [refusing, setRefusing] = useState<{ line: LineView; group: TraineeGroup } | null>(null);

  const groups = useMemo(() => groupsOfClaim(data.lines, data.traces), [data.lines, data.traces]);
  const standing = data.lines.filter((l) => !l.refused);
  const byFund = [...sumBy(standing, (l) => l.fund, (l) => l.amountFen)].sort((a, b) => b[1] - a[1]);
  const refusedLines = data.lines.filter((l) => l.refused);
  const refusedFen = refusedLines.reduce((s, l) => s + l.amountFen, 0);
  const livingFen = standing.filter((l) => l.payeeKind === 'worker').reduce((s, l) => s + l.amountFen, 0);
  const openObjections = data.objections.filter((o) => o.answer === null).length;
  const canAnswer = (me.role === 'county_office' || me.role === 'city_office') && me.actions.includes('claim.review');
  // Whether objections are still taken is the server's call (its calendar and clock): the public page says it.
  const announcement = usePublicAnnouncement(claim.status === 'announcing' ? claim.id : undefined);
  const windowOpen = announcement.data?.objectionsOpen ?? false;

  const tabs: TabKey[] = ['lines', 'objections', 'decisions'];
  const rawTab = params.get('tab');
  const tab: TabKey = tabs.find((k) => k === rawTab) ?? 'lines';
  const setTab = (k: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (k === 'lines') next.delete('tab');
        else next.set('tab', k);
        return next;
      },
      { replace: true },
    );

  const run = (option: ClaimActionOption) => {
    const label = claimActionLabel(t, option.action);
    if (option.action === 'pay') {
      setPaying(true);
      return;
    }
    if (option.needsReasons) {
      setReasonsFor(option.action);
      return;
    }
    modal.confirm({
      title: t('claim.confirmTitle', { action: label }),
      content: t(`claim.confirm.${option.action as 'county_approve' | 'city_approve' | 'resubmit' | 'withdraw'}`, {
        total: formatFen(claim.totalFen),
      }),
      okText: label,
      okButtonProps: { danger: option.action === 'withdraw', 'data-testid': 'claim-action-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () =>
        act
          .mutateAsync({ action: option.action })
          .then(() => message.success(t('claim.actionDone', { action: label })))
          .catch((error: unknown) => {
            message.error(errorText(error, locale, t), 8);
          }),
    });
  };

  const ordered = [...data.actions].sort((a, b) => Number(HARSH.has(a.action)) - Number(HARSH.has(b.action)));
  const disabledProblems = data.actions.filter((a) => !a.enabled && a.problems.length > 0);
  // While announced, what blocks the final review (window, objections) is said once, in the window's notice.
  const blockedText =
    disabledProblems.length > 0
      ? disabledProblems.map((a) => `${t('claim.actionBlocked', { action: claimActionLabel(t, a.action) })}：${a.problems.map((p) => problemMessage(p, locale)).join('；')}`).join('。')
      : undefined;

  const extra = (
    <Flex gap={8} wrap data-testid="claim-actions">
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/claims')}>
        {t('common.back')}
      </Button>
      {ordered.map((option) => {
        const harsh = HARSH.has(option.action);
        const button = (
          <Button
            key={option.action}
            type={harsh ? 'default' : 'primary'}
            danger={harsh}
            icon={ACTION_ICONS[option.action]}
            disabled={!option.enabled}
            loading={act.isPending && act.variables?.action === option.action}
            onClick={() => run(option)}
            data-testid={`claim-action-${option.action}`}
          >
            {claimActionLabel(t, option.action)}
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
    </Flex>
  );

  const tabItems = [
    {
      key: 'lines',
      label: <span data-testid="claim-tab-lines">{t('claim.tab.lines')}</span>,
      children: (
        <Flex vertical gap={12}>
          {data.mayRefuseLines ? <Alert type="info" showIcon title={t('claim.refuseIntro')} /> : null}
          <TraineeLines groups={groups} onRefuse={data.mayRefuseLines ? (line, group) => setRefusing({ line, group }) : undefined} />
        </Flex>
      ),
    },
    {
      key: 'objections',
      label: (
        <span data-testid="claim-tab-objections">
          {t('claim.tab.objections')}
          <Badge count={data.objections.length} showZero color={openObjections > 0 ? '#d9822b' : '#d0d5dd'} size="small" className="jn-tab-badge" />
        </span>
      ),
      children: <Objections claimId={claim.id} objections={data.objections} canAnswer={canAnswer} />,
    },
    {
      key: 'decisions',
      label: <span data-testid="claim-tab-decisions">{t('claim.tab.decisions')}</span>,
      children: <Decisions decisions={data.decisions} />,
    },
  ];

  const lastReturn = claim.status === 'returned' || claim.status === 'rejected' ? [...data.decisions].reverse().find((d) => d.toStatus === claim.status) : undefined;

  return (
    <PageContainer
      title={
        <Flex align="center" gap={10} wrap>
          <span>{claim.className}</span>
          <span data-testid="claim-status">
            <ClaimStatusTag status={claim.status} name={claim.statusName} />
          </span>
        </Flex>
      }
      docTitle={claim.className}
      subTitle={[claim.classCode, claim.orgName, unitLabel(claim.unitCode, claim.unitName)].filter(Boolean).join(' · ')}
      crumbs={[{ title: t('claim.title'), path: '/claims' }]}
      menuKey="/claims"
      extra={extra}
    >
      <Flex vertical gap={16}>
        <Card variant="borderless" className="jn-card">
          <Row gutter={[32, 20]}>
            <Col xs={24} xl={9}>
              <Statistic
                title={t('claim.stat.total')}
                value={formatFen(claim.totalFen)}
                valueStyle={{ fontWeight: 600 }}
                data-testid="claim-total"
              />
              <Space size={[16, 4]} wrap className="jn-muted jn-small" style={{ marginTop: 6 }}>
                <span>{t('claim.stat.people', { count: groups.length })}</span>
                <span>{t('claim.stat.lines', { count: data.lines.length })}</span>
                {refusedLines.length > 0 ? (
                  <span className="jn-bad">{t('claim.stat.refused', { count: refusedLines.length, amount: formatFen(refusedFen) })}</span>
                ) : null}
              </Space>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Typography.Text type="secondary">{t('claim.stat.byFund')}</Typography.Text>
              <Flex vertical gap={6} className="jn-fund-list" data-testid="claim-by-fund">
                {byFund.length === 0 ? <span className="jn-muted">{t('common.none')}</span> : null}
                {byFund.map(([fund, fen]) => (
                  <Flex key={fund} justify="space-between" gap={12}>
                    <FundName code={fund} fallback={data.lines.find((l) => l.fund === fund)?.fundName} />
                    <span className="jn-mono">{formatFen(fen)}</span>
                  </Flex>
                ))}
                {livingFen > 0 ? (
                  <Flex justify="space-between" gap={12} className="jn-small jn-muted">
                    <span>{t('claim.stat.toTrainees')}</span>
                    <span className="jn-mono">{formatFen(livingFen)}</span>
                  </Flex>
                ) : null}
              </Flex>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Descriptions
                size="small"
                column={1}
                className="jn-claim-facts"
                items={[
                  {
                    key: 'class',
                    label: t('claim.col.class'),
                    children: <Link to={`/classes/${encodeURIComponent(claim.classId)}`}>{claim.classCode || claim.className}</Link>,
                  },
                  { key: 'year', label: t('claim.col.year'), children: t('claim.yearValue', { year: claim.year }) },
                  {
                    key: 'submitted',
                    label: t('claim.col.submittedAt'),
                    children: claim.submittedAt ? formatDateTime(claim.submittedAt, locale) : t('common.none'),
                  },
                  ...(claim.round > 1 ? [{ key: 'round', label: t('claim.col.round'), children: t('claim.roundValue', { round: claim.round }) }] : []),
                  {
                    key: 'window',
                    label: t('claim.col.announcement'),
                    children: claim.announcedOn ? (
                      <span data-testid="claim-window">
                        {claim.announcedOn} – {claim.windowEnd}
                      </span>
                    ) : (
                      <span className="jn-muted">{t('claim.notAnnounced')}</span>
                    ),
                  },
                ]}
              />
            </Col>
          </Row>
          {claim.status === 'announcing' ? (
            <Alert
              type={windowOpen ? 'info' : 'success'}
              showIcon
              className="jn-class-alerts"
              title={windowOpen ? t('claim.window.open', { end: claim.windowEnd ?? '' }) : t('claim.window.closed', { end: claim.windowEnd ?? '' })}
              description={
                blockedText ?? (openObjections > 0 ? t('claim.window.openObjections', { count: openObjections }) : undefined)
              }
              action={
                <Link to={`/public/announcements/${encodeURIComponent(claim.id)}`} target="_blank">
                  <Button size="small" icon={<ExportOutlined />}>
                    {t('claim.window.public')}
                  </Button>
                </Link>
              }
              data-testid="claim-window-alert"
            />
          ) : null}
          {lastReturn ? (
            <Alert
              type={claim.status === 'rejected' ? 'error' : 'warning'}
              showIcon
              className="jn-class-alerts"
              title={t('claim.returnedBy', {
                action: claimDecisionLabel(t, lastReturn.action),
                name: lastReturn.actorName ?? t('audit.system'),
                at: formatDateTime(lastReturn.at, locale),
              })}
              description={lastReturn.reasons ?? undefined}
              data-testid="claim-last-reasons"
            />
          ) : null}
          {disabledProblems.length > 0 && claim.status !== 'announcing' ? (
            <Flex vertical gap={8} className="jn-class-alerts">
              {disabledProblems.map((a) => (
                <Alert
                  key={a.action}
                  type="info"
                  showIcon
                  title={t('claim.actionBlocked', { action: claimActionLabel(t, a.action) })}
                  description={a.problems.map((p) => problemMessage(p, locale)).join('；')}
                  data-testid="claim-blocked"
                />
              ))}
            </Flex>
          ) : null}
        </Card>

        <Card variant="borderless" className="jn-card jn-class-tabs">
          <Tabs activeKey={tab} onChange={setTab} items={tabItems} />
        </Card>
      </Flex>

      <ClaimReasonsModal claim={claim} action={reasonsFor} onClose={() => setReasonsFor(null)} />
      {data.actions.some((a) => a.action === 'pay') ? <PayModal view={data} open={paying} onClose={() => setPaying(false)} /> : null}
      <RefuseLineModal claimId={claim.id} target={refusing} onClose={() => setRefusing(null)} />
    </PageContainer>
  );
}

function Objections({ claimId, objections, canAnswer }: { claimId: string; objections: Objection[]; canAnswer: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  if (objections.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claim.objection.none')} />;
  return (
    <Flex vertical gap={12} data-testid="claim-objections">
      {objections.map((o) => (
        <Card key={o.id} size="small" className="jn-objection" data-testid="objection">
          <Flex vertical gap={8}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Space size={8}>
                <MessageOutlined className="jn-muted" />
                <Typography.Text type="secondary" className="jn-small">
                  {t('claim.objection.at', { at: formatDateTime(o.submittedAt, locale) })}
                  {o.contact ? ` · ${t('claim.objection.contact')}：${o.contact}` : ''}
                </Typography.Text>
              </Space>
              {o.answer === null ? (
                <Tag color="orange" className="jn-tag-tight">
                  {t('claim.objection.open')}
                </Tag>
              ) : (
                <Tag color={o.upheld ? 'red' : 'green'} className="jn-tag-tight">
                  {o.upheld ? t('claim.objection.founded') : t('claim.objection.unfounded')}
                </Tag>
              )}
            </Flex>
            <Typography.Paragraph className="jn-objection-text" style={{ margin: 0 }}>
              {o.text}
            </Typography.Paragraph>
            {o.answer !== null ? (
              <div className="jn-objection-answer">
                <Typography.Text strong>
                  <AuditOutlined /> {t('claim.objection.answerLabel')}
                </Typography.Text>
                <div>{o.answer}</div>
                {o.answeredAt ? (
                  <Typography.Text type="secondary" className="jn-small">
                    {formatDateTime(o.answeredAt, locale)}
                  </Typography.Text>
                ) : null}
              </div>
            ) : canAnswer ? (
              <AnswerForm claimId={claimId} objection={o} />
            ) : null}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

function Decisions({ decisions }: { decisions: ClaimDecision[] }) {
  const t = useT();
  const { locale } = useLocale();
  if (decisions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.decisionsEmpty')} />;
  return (
    <Timeline
      className="jn-status-timeline"
      data-testid="claim-decisions"
      items={[...decisions].reverse().map((d, i) => ({
        key: `${d.at}-${i}`,
        color: CLAIM_DECISION_COLORS[d.action] ?? 'gray',
        icon: d.action.endsWith('return') || d.action === 'reject' ? <CloseCircleOutlined /> : undefined,
        content: (
          <div className="jn-history-item">
            <Space size={6} wrap>
              <Typography.Text strong>{claimDecisionLabel(t, d.action)}</Typography.Text>
              {d.fromStatus ? (
                <>
                  <ClaimStatusTag status={d.fromStatus} />
                  <span className="jn-muted">→</span>
                </>
              ) : null}
              <ClaimStatusTag status={d.toStatus} />
            </Space>
            {d.reasons ? <div className="jn-history-reason">{d.reasons}</div> : null}
            <Typography.Text type="secondary" className="jn-small">
              {t('catalog.decisionBy', { name: d.actorName ?? t('audit.system'), at: formatDateTime(d.at, locale) })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

