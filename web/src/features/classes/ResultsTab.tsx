import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Empty, Flex, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isApiError, post, problemText } from '../../app/api';
import { LoadError } from '../../app/results';
import { classPath } from './api';
import { ResultTag, rateText, resultLabel } from './labels';
import type { AssessmentResult, ClassDetail, ResultRow, ResultsSheet } from './types';

type Draft = { result?: AssessmentResult; score?: number | null };

/** 考核结果: the evaluation body records every completer's result at once; passes get certificates (§10). */
export function ResultsTab({ cls, canRecord }: { cls: ClassDetail; canRecord: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const sheet = useQuery({
    queryKey: ['classes', 'results', cls.id],
    queryFn: ({ signal }) => get<ResultsSheet>(`${classPath(cls.id)}/results`, signal),
  });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const items = useMemo(() => sheet.data?.items ?? [], [sheet.data]);
  const recorded = sheet.data?.recorded ?? false;
  const editable = canRecord && !recorded && cls.status === 'completed';
  const completers = items.filter((r) => r.completed);

  useEffect(() => {
    if (!sheet.data) return;
    setDrafts((d) => {
      const next = { ...d };
      for (const r of sheet.data.items) if (!next[r.enrolmentId]) next[r.enrolmentId] = { result: r.result ?? undefined, score: r.score };
      return next;
    });
  }, [sheet.data]);

  const submit = useMutation({
    mutationFn: (results: { enrolmentId: string; result: AssessmentResult; score?: number | null }[]) =>
      post<{ certificates: number }>(`${classPath(cls.id)}/results`, { results }),
    onSuccess: async (r) => {
      message.success(t('results.done', { count: r?.certificates ?? 0 }), 6);
      setRowErrors({});
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
      await queryClient.invalidateQueries({ queryKey: ['certificates'] });
    },
    onError: (error) => {
      // Problems name rows as results.<i>.…: show them on the rows, the rest as a toast.
      const byRow: Record<string, string> = {};
      const rest: string[] = [];
      if (isApiError(error) && error.problems.length > 0) {
        for (const p of error.problems) {
          const m = /^results\.(\d+)/.exec(p.field);
          const row = m ? completers[Number(m[1])] : undefined;
          if (row) byRow[row.enrolmentId] = problemText(p, locale);
          else rest.push(problemText(p, locale));
        }
      }
      setRowErrors(byRow);
      if (rest.length > 0 || Object.keys(byRow).length === 0) message.error(rest.length > 0 ? rest.join('；') : errorText(error, locale, t), 6);
    },
  });

  if (sheet.isError) return <LoadError error={sheet.error} onRetry={() => void sheet.refetch()} />;

  const set = (id: string, patch: Draft) => setDrafts((d) => ({ ...d, [id]: { ...d[id], ...patch } }));
  const missing = completers.filter((r) => !drafts[r.enrolmentId]?.result);
  const passes = completers.filter((r) => drafts[r.enrolmentId]?.result === 'pass').length;

  const onSubmit = () => {
    const bad = completers.filter((r) => {
      const d = drafts[r.enrolmentId];
      return d?.result !== 'absent' && (d?.score === null || d?.score === undefined);
    });
    if (missing.length > 0) {
      message.warning(t('results.missing', { count: missing.length }));
      return;
    }
    if (bad.length > 0) {
      setRowErrors(Object.fromEntries(bad.map((r) => [r.enrolmentId, t('results.scoreRequired')])));
      message.warning(t('results.scoreMissing', { count: bad.length }));
      return;
    }
    modal.confirm({
      title: t('results.confirmTitle'),
      content: t('results.confirm', { total: completers.length, passes }),
      okText: t('results.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        submit
          .mutateAsync(
            completers.map((r) => {
              const d = drafts[r.enrolmentId]!;
              return { enrolmentId: r.enrolmentId, result: d.result!, ...(d.result === 'absent' ? {} : { score: d.score ?? null }) };
            }),
          )
          .catch(() => undefined),
    });
  };

  const columns: TableColumnsType<ResultRow> = [
    { title: '#', key: 'seq', width: 48, render: (_: unknown, __: ResultRow, i: number) => <span className="jn-muted">{i + 1}</span> },
    { title: t('class.roster.name'), dataIndex: 'name', key: 'name', width: 120 },
    { title: t('class.roster.idNumber'), dataIndex: 'idMasked', key: 'id', width: 190, render: (v: string) => <span className="jn-mono">{v}</span> },
    { title: t('class.roster.attendance'), key: 'rate', width: 100, render: (_: unknown, r) => <span className="jn-mono">{rateText(r.ratePerMille)}</span> },
    {
      title: t('class.roster.completed'),
      key: 'completed',
      width: 100,
      render: (_: unknown, r) =>
        r.completed ? <Tag color="success">{t('class.roster.completedYes')}</Tag> : <Tag>{t('results.notCompleted')}</Tag>,
    },
    {
      title: t('class.roster.result'),
      key: 'result',
      width: 160,
      render: (_: unknown, r) =>
        editable && r.completed ? (
          <Select<AssessmentResult>
            value={drafts[r.enrolmentId]?.result}
            onChange={(v) => {
              set(r.enrolmentId, { result: v, ...(v === 'absent' ? { score: null } : {}) });
              setRowErrors((e) => ({ ...e, [r.enrolmentId]: '' }));
            }}
            placeholder={t('results.pick')}
            style={{ width: 130 }}
            status={rowErrors[r.enrolmentId] && !drafts[r.enrolmentId]?.result ? 'error' : undefined}
            options={(['pass', 'fail', 'absent'] as const).map((v) => ({ value: v, label: resultLabel(t, v) }))}
            aria-label={t('class.roster.result')}
            data-testid={`result-${r.enrolmentId}`}
          />
        ) : r.completed ? (
          <ResultTag result={r.result} />
        ) : (
          <span className="jn-muted">{t('results.notAssessed')}</span>
        ),
    },
    {
      title: t('results.score'),
      key: 'score',
      width: 150,
      render: (_: unknown, r) =>
        editable && r.completed ? (
          <Flex vertical gap={2}>
            <InputNumber
              min={0}
              max={100}
              precision={0}
              value={drafts[r.enrolmentId]?.score ?? null}
              disabled={drafts[r.enrolmentId]?.result === 'absent'}
              onChange={(v) => {
                set(r.enrolmentId, { score: v });
                setRowErrors((e) => ({ ...e, [r.enrolmentId]: '' }));
              }}
              status={rowErrors[r.enrolmentId] ? 'error' : undefined}
              placeholder="0–100"
              style={{ width: 110 }}
              aria-label={t('results.score')}
              data-testid={`score-${r.enrolmentId}`}
            />
            {rowErrors[r.enrolmentId] ? (
              <Typography.Text type="danger" className="jn-small">
                {rowErrors[r.enrolmentId]}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <span className="jn-mono">{r.score ?? t('common.none')}</span>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {recorded ? (
        <Alert type="success" showIcon icon={<SafetyCertificateOutlined />} title={t('results.recorded')} />
      ) : editable ? (
        <Alert type="info" showIcon title={t('results.hint', { count: completers.length })} />
      ) : cls.status !== 'completed' ? (
        <Alert type="info" showIcon title={t('results.notYet')} />
      ) : null}
      {editable && completers.length > 0 ? (
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap>
            <Button
              onClick={() => completers.forEach((r) => !drafts[r.enrolmentId]?.result && set(r.enrolmentId, { result: 'pass' }))}
              data-testid="results-all-pass"
            >
              {t('results.allPass')}
            </Button>
            <Typography.Text type="secondary">
              {t('results.progress', { done: completers.length - missing.length, total: completers.length, passes })}
            </Typography.Text>
          </Space>
          <Button type="primary" icon={<CheckOutlined />} loading={submit.isPending} onClick={onSubmit} data-testid="results-submit">
            {t('results.submit')}
          </Button>
        </Flex>
      ) : null}
      <Table<ResultRow>
        rowKey="enrolmentId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={sheet.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.completed ? '' : 'jn-row-muted')}
        data-testid="results-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.empty')} /> }}
      />
    </Flex>
  );
}
