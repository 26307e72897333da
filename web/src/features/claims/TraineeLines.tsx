import { useMemo, useState, type Key } from 'react';
import { Button, Empty, Flex, Input, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CloseCircleOutlined, ScissorOutlined, UserOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { formatFen } from '../../app/format';
import { ClauseTag, FundName, OutcomeIcon, payeeKindLabel, paymentKindLabel, ruleKindLabel, useTraceMessage } from './labels';
import type { ClaimLine, ClassPricing, PersonTrace, TraceEntry } from './types';

/** One priced line as the tables show it, from a stored claim or from a preview. */
export type LineView = {
  id: string;
  kind: string;
  clause: string;
  fund: string;
  fundName?: string | null;
  payeeKind: 'worker' | 'organisation';
  payeeName: string | null;
  basis: string;
  basisEn?: string | null;
  amountFen: number;
  refused: { reason: string; at?: string } | null;
};

/** A trainee with their lines and the trace of every rule. */
export type TraineeGroup = {
  key: string;
  name: string;
  idMasked: string;
  lines: LineView[];
  trace: TraceEntry[];
  /** Priced total (before refusals). */
  pricedFen: number;
};

/** The lines and traces of a stored claim, one group per trainee (a trainee without lines keeps the trace that says why). */
export function groupsOfClaim(lines: ClaimLine[], traces: PersonTrace[]): TraineeGroup[] {
  const groups = new Map<string, TraineeGroup>();
  for (const tr of traces) {
    groups.set(tr.workerId, { key: tr.workerId, name: tr.name, idMasked: tr.idMasked, lines: [], trace: tr.trace ?? [], pricedFen: tr.totalFen });
  }
  for (const l of lines) {
    const key = l.workerId ?? l.id;
    const group = groups.get(key) ?? { key, name: l.workerName ?? '', idMasked: l.idMasked ?? '', lines: [], trace: [], pricedFen: 0 };
    group.lines.push({
      id: l.id,
      kind: l.kind,
      clause: l.clause,
      fund: l.fund,
      fundName: l.fundName,
      payeeKind: l.payeeKind === 'worker' ? 'worker' : 'organisation',
      payeeName: l.payeeName,
      basis: l.basis,
      basisEn: l.basisEn ?? null,
      amountFen: l.amountFen,
      refused: l.refused,
    });
    if (!groups.has(key)) {
      group.pricedFen += l.amountFen;
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** A preview (nothing stored), named from the class roster. */
export function groupsOfPreview(
  pricing: ClassPricing,
  people: Map<string, { name: string; idMasked: string }>,
  organiserName: string,
): TraineeGroup[] {
  return pricing.enrolments
    .map((e) => {
      const who = people.get(e.personId);
      return {
        key: e.personId,
        name: who?.name ?? e.personId.slice(0, 8),
        idMasked: who?.idMasked ?? '',
        trace: e.trace,
        pricedFen: e.totalFen,
        lines: e.lines.map((l, i) => ({
          id: `${e.personId}-${i}`,
          kind: l.kind,
          clause: l.clause,
          fund: l.fund,
          payeeKind: l.payee.kind === 'trainee' ? ('worker' as const) : ('organisation' as const),
          payeeName: l.payee.kind === 'trainee' ? (who?.name ?? null) : organiserName,
          basis: l.basis,
          basisEn: l.basisEn,
          amountFen: l.amountFen,
          refused: null,
        })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The sum of a group's lines still standing (integer fen). */
export const standingFen = (g: TraineeGroup) => g.lines.reduce((s, l) => s + (l.refused ? 0 : l.amountFen), 0);

/**
 * 补贴明细: a row per trainee, their lines in an aligned grid (project and clause, fund, payee, basis, amount),
 * the trace of every rule on expanding (✓ applied, ✗ refused; the rules that do not apply on request).
 * Reviewers get 核减 on each line (`onRefuse`).
 */
export function TraineeLines({
  groups,
  onRefuse,
  testId = 'claim-lines',
}: {
  groups: TraineeGroup[];
  onRefuse?: (line: LineView, group: TraineeGroup) => void;
  testId?: string;
}) {
  const t = useT();
  const { locale } = useLocale();
  const traceText = useTraceMessage();
  const [q, setQ] = useState('');
  const [showNa, setShowNa] = useState(false);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);

  const shown = useMemo(() => {
    const needle = q.trim();
    return needle ? groups.filter((g) => g.name.includes(needle) || g.idMasked.includes(needle)) : groups;
  }, [groups, q]);

  const unpaid = groups.filter((g) => g.lines.length === 0).length;
  const allExpanded = shown.length > 0 && shown.every((g) => expanded.includes(g.key));

  const columns: TableColumnsType<TraineeGroup> = [
    {
      title: t('claim.col.trainee'),
      key: 'trainee',
      width: 170,
      render: (_: unknown, g) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{g.name}</Typography.Text>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {g.idMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: (
        <div className={`jn-line-grid jn-line-grid-head${onRefuse ? ' jn-line-grid-act' : ''}`}>
          <span>{t('claim.col.item')}</span>
          <span>{t('claim.col.fund')}</span>
          <span>{t('claim.col.payee')}</span>
          <span>{t('claim.col.basis')}</span>
          <span className="jn-amount">{t('claim.col.amount')}</span>
          {onRefuse ? <span /> : null}
        </div>
      ),
      key: 'lines',
      render: (_: unknown, g) => {
        if (g.lines.length === 0) {
          const why = g.trace.find((e) => e.outcome === 'refused');
          return (
            <Flex gap={8} align="baseline" className="jn-line-none" data-testid="line-none">
              <Tag className="jn-tag-tight">{t('claim.noSubsidy')}</Tag>
              <Typography.Text type="secondary" className="jn-small">
                {why ? traceText(why) : t('claim.noSubsidyHint')}
              </Typography.Text>
            </Flex>
          );
        }
        return (
          <Flex vertical gap={6}>
            {g.lines.map((l) => (
              <div key={l.id} className={`jn-line-grid${onRefuse ? ' jn-line-grid-act' : ''}${l.refused ? ' jn-line-refused' : ''}`} data-testid="claim-line" data-kind={l.kind}>
                <span className="jn-line-item">
                  <span>{paymentKindLabel(t, l.kind)}</span> <ClauseTag clause={l.clause} />
                </span>
                <span>
                  <FundName code={l.fund} fallback={l.fundName} />
                </span>
                <span className="jn-line-payee">
                  {l.payeeKind === 'worker' ? (
                    <Tag color="gold" icon={<UserOutlined />} className="jn-tag-tight">
                      {t('claim.payee.trainee')}
                    </Tag>
                  ) : (
                    <Tooltip title={payeeKindLabel(t, l.payeeKind)}>
                      <span className="jn-small">{l.payeeName ?? payeeKindLabel(t, l.payeeKind)}</span>
                    </Tooltip>
                  )}
                </span>
                <span className="jn-small jn-muted">{locale === 'en' && l.basisEn ? l.basisEn : l.basis}</span>
                <span className="jn-amount">
                  <span className="jn-mono">{formatFen(l.amountFen)}</span>
                </span>
                {onRefuse ? (
                  <span className="jn-line-action">
                    {l.refused ? null : (
                      <Button size="small" type="link" danger icon={<ScissorOutlined />} onClick={() => onRefuse(l, g)} data-testid="line-refuse">
                        {t('claim.refuse')}
                      </Button>
                    )}
                  </span>
                ) : null}
                {l.refused ? (
                  <div className="jn-refusal" data-testid="line-refusal">
                    <CloseCircleOutlined /> {t('claim.refused')}：{l.refused.reason}
                  </div>
                ) : null}
              </div>
            ))}
          </Flex>
        );
      },
    },
    {
      title: t('claim.col.total'),
      key: 'total',
      width: 130,
      align: 'right',
      render: (_: unknown, g) => {
        const standing = standingFen(g);
        return (
          <Flex vertical gap={0} align="flex-end">
            <Typography.Text strong className="jn-mono" data-testid="trainee-total">
              {formatFen(standing)}
            </Typography.Text>
            {standing !== g.pricedFen ? (
              <Typography.Text delete type="secondary" className="jn-small jn-mono">
                {formatFen(g.pricedFen)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={12} data-testid={testId}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={12} wrap>
          <Input.Search
            allowClear
            placeholder={t('claim.lines.search')}
            onSearch={setQ}
            onChange={(e) => {
              if (!e.target.value) setQ('');
            }}
            style={{ width: 240 }}
          />
          <Typography.Text type="secondary" className="jn-small">
            {unpaid > 0
              ? t('claim.lines.summary', { people: groups.length, lines: groups.reduce((s, g) => s + g.lines.length, 0), none: unpaid })
              : t('claim.lines.summaryAll', { people: groups.length, lines: groups.reduce((s, g) => s + g.lines.length, 0) })}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={16} wrap>
          <label className="jn-small jn-switch-label">
            <Switch size="small" checked={showNa} onChange={setShowNa} data-testid="trace-show-na" /> {t('claim.trace.showNa')}
          </label>
          <Button size="small" onClick={() => setExpanded(allExpanded ? [] : shown.map((g) => g.key))} data-testid="trace-expand-all">
            {allExpanded ? t('claim.trace.collapseAll') : t('claim.trace.expandAll')}
          </Button>
        </Flex>
      </Flex>
      <Table<TraineeGroup>
        rowKey="key"
        size="middle"
        className="jn-lines-table"
        columns={columns}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          expandedRowRender: (g) => <Trace entries={g.trace} showNa={showNa} />,
          rowExpandable: (g) => g.trace.length > 0,
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claim.lines.empty')} /> }}
        scroll={{ x: 960 }}
      />
    </Flex>
  );
}

/** 计算过程: every rule in the order the evaluator took them; the ones that do not apply only on request. */
export function Trace({ entries, showNa }: { entries: TraceEntry[]; showNa: boolean }) {
  const t = useT();
  const traceText = useTraceMessage();
  const shown = showNa ? entries : entries.filter((e) => e.outcome !== 'not_applicable');
  const hidden = entries.length - shown.length;
  return (
    <div className="jn-trace" data-testid="trace">
      <Typography.Text type="secondary" className="jn-small jn-trace-title">
        {t('claim.trace.title')}
      </Typography.Text>
      <ul className="jn-trace-list">
        {shown.map((e, i) => (
          <li key={`${e.ruleId}-${i}`} className={`jn-trace-item jn-trace-${e.outcome}`} data-outcome={e.outcome}>
            <OutcomeIcon outcome={e.outcome} />
            <span className="jn-trace-rule">{ruleKindLabel(t, e.kind)}</span>
            <span className="jn-trace-text">{traceText(e)}</span>
            <ClauseTag clause={e.clause} />
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <Typography.Text type="secondary" className="jn-small">
          {t('claim.trace.hidden', { count: hidden })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
