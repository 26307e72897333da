import { useMemo, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalculatorOutlined, DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useLocale, useT, type Translate } from '../../i18n';
import { post } from '../../app/api';
import { formatFen, parseYuanToFen, YUAN_PATTERN } from '../../app/format';
import { showFormErrors } from '../../app/formErrors';
import { PageContainer } from '../../app/PageContainer';
import { useReferenceCodes, useRefName } from '../../app/reference';
import { useUnitLabel } from '../../app/units';
import { CLAIM_YEARS } from './ClaimsPage';
import { FundName, paymentKindLabel } from './labels';
import { PAYMENT_KINDS, type WhatIfResult, type WhatIfRow } from './types';

type ParamKind = 'money' | 'moneyOrNone' | 'count' | 'fund' | 'choice' | 'flag';
type Param = { key: string; kind: ParamKind; label: (t: Translate) => string; choices?: string[] };

const CERT_KINDS = PAYMENT_KINDS.filter((k) => k.startsWith('certificate_'));

/** The parameters a what-if may change (src/domain/subsidy/rules.ts OVERRIDE_KEYS), money in 元 on screen. */
const PARAMS: Param[] = [
  { key: 'enterprise_employee_training.amountFen', kind: 'money', label: (t) => t('whatif.param.perPerson', { item: paymentKindLabel(t, 'enterprise_employee_training') }) },
  { key: 'key_group_training.capFen', kind: 'money', label: (t) => t('whatif.param.cap', { item: paymentKindLabel(t, 'key_group_training') }) },
  { key: 'living_allowance.perDayFen', kind: 'money', label: (t) => t('whatif.param.perDay', { item: paymentKindLabel(t, 'living_allowance') }) },
  ...CERT_KINDS.map((k) => ({ key: `${k}.amountFen`, kind: 'moneyOrNone' as const, label: (t: Translate) => t('whatif.param.perPerson', { item: paymentKindLabel(t, k) }) })),
  { key: 'limit_per_year.maxPerYear', kind: 'count', label: (t) => t('whatif.param.maxPerYear') },
  ...PAYMENT_KINDS.map((k) => ({ key: `${k}.fund`, kind: 'fund' as const, label: (t: Translate) => t('whatif.param.fund', { item: paymentKindLabel(t, k) }) })),
  { key: 'settings.yearBasis', kind: 'choice', choices: ['completion', 'start'], label: (t) => t('whatif.setting.yearBasis') },
  { key: 'settings.sameOccupationLevel', kind: 'choice', choices: ['never', 'within_year'], label: (t) => t('whatif.setting.sameOccupationLevel') },
  { key: 'settings.livingAllowanceDays', kind: 'choice', choices: ['attended', 'scheduled'], label: (t) => t('whatif.setting.livingAllowanceDays') },
  { key: 'settings.livingAllowanceNeedsCompletion', kind: 'flag', label: (t) => t('whatif.setting.livingAllowanceNeedsCompletion') },
  { key: 'settings.certificateWithTrainingSubsidy', kind: 'choice', choices: ['exclusive', 'both'], label: (t) => t('whatif.setting.certificateWithTrainingSubsidy') },
  { key: 'settings.trainingSubsidyNeedsPass', kind: 'flag', label: (t) => t('whatif.setting.trainingSubsidyNeedsPass') },
];

type Row_ = { key?: string; value?: string | number | boolean };
type Values = { year: number; overrides: Row_[] };

const CHOICE_KEYS = ['completion', 'start', 'never', 'within_year', 'attended', 'scheduled', 'exclusive', 'both'] as const;
function choiceLabel(t: Translate, v: string): string {
  return (CHOICE_KEYS as readonly string[]).includes(v) ? t(`whatif.choice.${v as (typeof CHOICE_KEYS)[number]}`) : v;
}

/** The override value the API takes: money typed in 元 becomes integer fen by string parsing. */
function toOverride(param: Param, value: Row_['value']): number | string | boolean | null {
  switch (param.kind) {
    case 'money':
      return parseYuanToFen(String(value ?? '')) ?? -1;
    case 'moneyOrNone':
      return value === '' || value === undefined || value === null ? null : (parseYuanToFen(String(value)) ?? -1);
    case 'count':
      return Number(value);
    case 'flag':
      return value === true || value === 'true';
    default:
      return String(value ?? '');
  }
}

/** 补贴测算 (§16: standards may be adjusted): a year's claims re-priced under changed parameters, nothing written. */
export default function WhatIfPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const unitLabel = useUnitLabel();
  const codes = useReferenceCodes();
  const refName = useRefName();
  const [form] = Form.useForm<Values>();
  const [asked, setAsked] = useState<Record<string, unknown> | null>(null);
  const run = useMutation({ mutationFn: (body: { year: number; overrides: Record<string, number | string | boolean | null> }) => post<WhatIfResult>('/api/subsidy/whatif', body) });
  const rows = Form.useWatch('overrides', form) ?? [];
  const used = new Set(rows.map((r) => r?.key).filter(Boolean));

  const submit = (v: Values) => {
    const overrides: Record<string, number | string | boolean | null> = {};
    for (const r of v.overrides ?? []) {
      const param = PARAMS.find((p) => p.key === r.key);
      if (param) overrides[param.key] = toOverride(param, r.value);
    }
    setAsked(overrides);
    run.mutate(
      { year: v.year, overrides },
      {
        onError: (error) =>
          showFormErrors(form, error, locale, t, (text) => message.error(text, 8), (field) => {
            const k = field.replace(/^overrides\./, '');
            const i = (v.overrides ?? []).findIndex((r) => r.key === k);
            return i >= 0 ? `overrides.${i}.value` : null;
          }),
      },
    );
  };

  const result = run.data;
  const columns: TableColumnsType<WhatIfRow> = [
    { title: t('funds.col.unit'), dataIndex: 'unitCode', key: 'unit', width: 150, render: (v: string) => unitLabel(v) },
    { title: t('funds.col.fund'), dataIndex: 'fund', key: 'fund', render: (v: string) => <FundName code={v} /> },
    { title: t('whatif.col.base'), dataIndex: 'baseFen', key: 'base', align: 'right', width: 160, render: (v: number) => <span className="jn-mono">{formatFen(v)}</span> },
    { title: t('whatif.col.whatIf'), dataIndex: 'whatIfFen', key: 'whatIf', align: 'right', width: 160, render: (v: number) => <span className="jn-mono">{formatFen(v)}</span> },
    { title: t('whatif.col.diff'), dataIndex: 'diffFen', key: 'diff', align: 'right', width: 160, render: (v: number) => <Diff fen={v} />, sorter: (a, b) => a.diffFen - b.diffFen },
  ];

  const paramOptions = useMemo(
    () => [
      { label: t('whatif.group.amounts'), options: PARAMS.filter((p) => p.kind === 'money' || p.kind === 'moneyOrNone' || p.kind === 'count').map((p) => ({ value: p.key, label: p.label(t) })) },
      { label: t('whatif.group.funds'), options: PARAMS.filter((p) => p.kind === 'fund').map((p) => ({ value: p.key, label: p.label(t) })) },
      { label: t('whatif.group.settings'), options: PARAMS.filter((p) => p.kind === 'choice' || p.kind === 'flag').map((p) => ({ value: p.key, label: p.label(t) })) },
    ],
    [t],
  );

  const valueInput = (param: Param | undefined, testId: string) => {
    if (!param) return <Input disabled placeholder={t('whatif.pickFirst')} />;
    switch (param.kind) {
      case 'money':
      case 'moneyOrNone':
        return <Input prefix="¥" suffix={t('funds.yuan')} inputMode="decimal" className="jn-mono" placeholder={param.kind === 'moneyOrNone' ? t('whatif.noneHint') : '0.00'} data-testid={testId} />;
      case 'count':
        return <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid={testId} />;
      case 'fund':
        return <Select options={(codes.data?.fundSources ?? []).map((f) => ({ value: f.code, label: refName(f) }))} data-testid={testId} />;
      case 'flag':
        return (
          <Select
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
            data-testid={testId}
          />
        );
      default:
        return <Select options={(param.choices ?? []).map((c) => ({ value: c, label: choiceLabel(t, c) }))} data-testid={testId} />;
    }
  };

  return (
    <PageContainer title={t('whatif.title')} subTitle={t('whatif.subtitle')} crumbs={[{ title: t('claim.title'), path: '/claims' }]}>
      <Flex vertical gap={16}>
        <Card variant="borderless" className="jn-card" title={t('whatif.formTitle')}>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ year: 2020, overrides: [{ key: 'certificate_level4.amountFen', value: '450' }] }}
            onFinish={submit}
            data-testid="whatif-form"
          >
            <Row gutter={24}>
              <Col xs={24} md={6} xl={4}>
                <Form.Item name="year" label={t('whatif.year')} rules={[{ required: true }]}>
                  <Select options={CLAIM_YEARS.map((y) => ({ value: y, label: t('claim.yearValue', { year: y }) }))} data-testid="whatif-year" />
                </Form.Item>
              </Col>
              <Col xs={24} md={18} xl={20}>
                <Typography.Text className="jn-form-label">{t('whatif.overrides')}</Typography.Text>
                <Form.List name="overrides">
                  {(fields, { add, remove }) => (
                    <Flex vertical gap={0} className="jn-whatif-rows">
                      {fields.map((field, i) => {
                        const param = PARAMS.find((p) => p.key === rows[i]?.key);
                        return (
                          <Row key={field.key} gutter={12} align="top" className="jn-whatif-row">
                            <Col xs={24} md={14}>
                              <Form.Item name={[field.name, 'key']} rules={[{ required: true, message: t('whatif.paramRequired') }]}>
                                <Select
                                  showSearch={{ optionFilterProp: 'label' }}
                                  placeholder={t('whatif.pickParam')}
                                  options={paramOptions.map((g) => ({ ...g, options: g.options.map((o) => ({ ...o, disabled: used.has(o.value) && rows[i]?.key !== o.value })) }))}
                                  onChange={() => form.setFieldValue(['overrides', field.name, 'value'], undefined)}
                                  data-testid={`whatif-param-${i}`}
                                />
                              </Form.Item>
                            </Col>
                            <Col xs={20} md={8}>
                              <Form.Item
                                name={[field.name, 'value']}
                                rules={[
                                  {
                                    validator: (_, value: unknown) => {
                                      if (!param) return Promise.resolve();
                                      if (param.kind === 'moneyOrNone' && (value === undefined || value === '')) return Promise.resolve();
                                      if (value === undefined || value === '' || value === null) return Promise.reject(new Error(t('whatif.valueRequired')));
                                      if ((param.kind === 'money' || param.kind === 'moneyOrNone') && !YUAN_PATTERN.test(String(value).trim()))
                                        return Promise.reject(new Error(t('funds.amountInvalid')));
                                      return Promise.resolve();
                                    },
                                  },
                                ]}
                              >
                                {valueInput(param, `whatif-value-${i}`)}
                              </Form.Item>
                            </Col>
                            <Col xs={4} md={2}>
                              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                            </Col>
                          </Row>
                        );
                      })}
                      <Flex gap={8} wrap>
                        <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="whatif-add">
                          {t('whatif.addParam')}
                        </Button>
                        <Button
                          icon={<ThunderboltOutlined />}
                          onClick={() => form.setFieldsValue({ overrides: [{ key: 'certificate_level4.amountFen', value: '450' }] })}
                        >
                          {t('whatif.example')}
                        </Button>
                      </Flex>
                    </Flex>
                  )}
                </Form.List>
              </Col>
            </Row>
            <Flex justify="space-between" align="center" wrap gap={12} className="jn-whatif-foot">
              <Typography.Text type="secondary" className="jn-small">
                {t('whatif.note')}
              </Typography.Text>
              <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={run.isPending} data-testid="whatif-run">
                {t('whatif.run')}
              </Button>
            </Flex>
          </Form>
        </Card>

        {result ? (
          <Card variant="borderless" className="jn-card" title={t('whatif.resultTitle', { year: result.year })} data-testid="whatif-result">
            <Row gutter={[16, 16]} className="jn-whatif-stats">
              <Col xs={24} md={6}>
                <Statistic title={t('whatif.stat.base')} value={formatFen(result.total.baseFen)} />
              </Col>
              <Col xs={24} md={6}>
                <Statistic title={t('whatif.stat.whatIf')} value={formatFen(result.total.whatIfFen)} />
              </Col>
              <Col xs={24} md={6}>
                <Statistic
                  title={t('whatif.stat.diff')}
                  value={`${result.total.diffFen > 0 ? '+' : ''}${formatFen(result.total.diffFen)}`}
                  valueStyle={{ color: result.total.diffFen > 0 ? '#c2410c' : result.total.diffFen < 0 ? '#0f9f6e' : undefined }}
                  data-testid="whatif-diff"
                />
              </Col>
              <Col xs={24} md={6}>
                <Statistic title={t('whatif.stat.scope')} value={t('whatif.scopeValue', { classes: result.classes, enrolments: result.enrolments })} />
              </Col>
            </Row>
            {asked && Object.keys(asked).length === 0 ? <Alert type="info" showIcon className="jn-class-alerts" title={t('whatif.noOverrides')} /> : null}
            <Table<WhatIfRow>
              rowKey={(r) => `${r.unitCode}|${r.fund}`}
              size="middle"
              columns={columns}
              dataSource={[...result.rows].sort((a, b) => Math.abs(b.diffFen) - Math.abs(a.diffFen) || a.unitCode.localeCompare(b.unitCode) || a.fund.localeCompare(b.fund))}
              pagination={false}
              scroll={{ x: 'max-content' }}
              className="jn-whatif-table"
              data-testid="whatif-table"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('whatif.empty')} /> }}
              summary={() =>
                result.rows.length > 1 ? (
                  <Table.Summary.Row className="jn-summary-row">
                    <Table.Summary.Cell index={0} colSpan={2}>
                      {t('funds.sum')}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <span className="jn-mono">{formatFen(result.total.baseFen)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <span className="jn-mono">{formatFen(result.total.whatIfFen)}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      <Diff fen={result.total.diffFen} />
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
        ) : null}
      </Flex>
    </PageContainer>
  );
}

function Diff({ fen }: { fen: number }) {
  const cls = fen > 0 ? 'jn-diff-up' : fen < 0 ? 'jn-diff-down' : 'jn-muted';
  return (
    <span className={`jn-mono ${cls}`}>
      {fen > 0 ? '+' : ''}
      {formatFen(fen)}
    </span>
  );
}
