import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Flex, Form, Input, Skeleton, Tabs, Typography } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  KeyOutlined,
  NumberOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { useLocale, useT, type Translate } from '../../i18n';
import { errorText, get, isApiError, post } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { PublicLinks, PublicShell } from '../../app/PublicShell';
import { LoadError } from '../../app/results';
import { VERIFY_FAILURES, type Verification } from './types';

const CERT_TYPES = ['special_ability', 'skill_level', 'qualification', 'training_completion'] as const;

function certTypeLabel(t: Translate, code: string, fallback?: string): string {
  return (CERT_TYPES as readonly string[]).includes(code) ? t(`cert.type.${code as (typeof CERT_TYPES)[number]}`) : (fallback ?? code);
}

function failureLabel(t: Translate, reason: string | undefined): string {
  const known = VERIFY_FAILURES.find((r) => r === reason);
  return known ? t(`verify.reason.${known}`) : (reason ?? t('verify.reason.unknown'));
}

/** A 404 from the public look-up is itself an answer: 未找到. */
function asVerification(error: unknown): Verification | null {
  return isApiError(error, 404) ? { status: 'invalid', reason: 'not_found' } : null;
}

/**
 * 证书查验 (no sign-in): /verify asks for a certificate number or a signed credential; /verify/:token is the
 * target of the certificate's QR code. The banner says 有效 / 已撤销 / 无效 (and why), then every signed claim.
 */
export default function VerifyPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { token } = useParams();
  const [numberForm] = Form.useForm<{ number: string }>();
  const [jwsForm] = Form.useForm<{ credential: string }>();
  const [mode, setMode] = useState<'number' | 'jws'>('number');

  useEffect(() => {
    document.title = `${t('verify.title')} · ${t('app.name')}`;
  }, [t]);

  const byToken = useQuery({
    queryKey: ['public', 'verify', token],
    queryFn: ({ signal }) => get<Verification>(`/api/public/verify/${encodeURIComponent(token ?? '')}`, signal),
    enabled: Boolean(token),
    retry: false,
  });
  const byNumber = useMutation({
    mutationFn: (number: string) => get<Verification>(`/api/public/certificates/${encodeURIComponent(number)}`),
  });
  const byJws = useMutation({
    mutationFn: (credential: string) => post<Verification>('/api/public/verify', { credential }),
  });

  const active = token ? byToken : mode === 'number' ? byNumber : byJws;
  const result: Verification | null = (active.data as Verification | undefined) ?? asVerification(active.error);
  const failed = active.error && !result ? active.error : null;
  const pending = token ? byToken.isPending : active.isPending;

  return (
    <PublicShell
      subtitle={t('verify.title')}
      home="/verify"
      nav={<PublicLinks current="verify" />}
    >
      <section className="jn-public-hero">
        <Typography.Title level={2} className="jn-public-heading" data-testid="page-title">
          {t('verify.heading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="jn-public-intro">
          {t('verify.intro')}
        </Typography.Paragraph>
      </section>

      {!token ? (
        <Card variant="borderless" className="jn-card jn-public-card jn-verify-form" data-testid="verify-form">
          <Tabs
            activeKey={mode}
            onChange={(k) => setMode(k as 'number' | 'jws')}
            items={[
              {
                key: 'number',
                label: (
                  <span>
                    <NumberOutlined /> {t('verify.byNumber')}
                  </span>
                ),
                children: (
                  <Form<{ number: string }>
                    form={numberForm}
                    layout="vertical"
                    onFinish={(v) => byNumber.mutate(v.number.trim().toUpperCase())}
                  >
                    <Form.Item
                      name="number"
                      label={t('verify.number')}
                      extra={t('verify.numberHint')}
                      rules={[{ required: true, whitespace: true, message: t('verify.numberRequired') }]}
                    >
                      <Input.Search
                        size="large"
                        className="jn-mono"
                        maxLength={40}
                        allowClear
                        placeholder={t('verify.numberPlaceholder')}
                        enterButton={
                          <>
                            <SearchOutlined /> {t('verify.submit')}
                          </>
                        }
                        loading={byNumber.isPending}
                        onSearch={() => numberForm.submit()}
                        data-testid="verify-number"
                      />
                    </Form.Item>
                  </Form>
                ),
              },
              {
                key: 'jws',
                label: (
                  <span>
                    <KeyOutlined /> {t('verify.byJws')}
                  </span>
                ),
                children: (
                  <Form<{ credential: string }> form={jwsForm} layout="vertical" onFinish={(v) => byJws.mutate(v.credential.trim())}>
                    <Form.Item
                      name="credential"
                      label={t('verify.jws')}
                      extra={t('verify.jwsHint')}
                      rules={[{ required: true, whitespace: true, message: t('verify.jwsRequired') }]}
                    >
                      <Input.TextArea rows={4} className="jn-mono jn-small" placeholder="eyJhbGciOiJFZERTQSIs…" data-testid="verify-jws" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={byJws.isPending} data-testid="verify-jws-submit">
                      {t('verify.submit')}
                    </Button>
                  </Form>
                ),
              },
            ]}
          />
        </Card>
      ) : null}

      {token && pending ? (
        <Card variant="borderless" className="jn-card jn-public-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : failed ? (
        <Card variant="borderless" className="jn-card jn-public-card">
          <LoadError error={failed} onRetry={token ? () => void byToken.refetch() : undefined} />
          {!token ? null : <Typography.Text type="secondary">{errorText(failed, locale, t)}</Typography.Text>}
        </Card>
      ) : result ? (
        <VerificationView result={result} />
      ) : null}

      {token ? (
        <Flex justify="center" className="jn-verify-again">
          <Button onClick={() => navigate('/verify')} icon={<SearchOutlined />}>
            {t('verify.another')}
          </Button>
        </Flex>
      ) : null}

      <Card variant="borderless" className="jn-card jn-public-card jn-verify-offline" data-testid="verify-offline">
        <Flex gap={12} align="flex-start">
          <KeyOutlined className="jn-verify-offline-icon" />
          <div>
            <Typography.Text strong>{t('verify.offlineTitle')}</Typography.Text>
            <Typography.Paragraph type="secondary" className="jn-small" style={{ margin: '4px 0 0' }}>
              {t('verify.offline')}{' '}
              <a href="/.well-known/jwks.json" target="_blank" rel="noreferrer" className="jn-mono" data-testid="verify-jwks">
                /.well-known/jwks.json
              </a>
            </Typography.Paragraph>
          </div>
        </Flex>
      </Card>
    </PublicShell>
  );
}

function VerificationView({ result }: { result: Verification }) {
  const t = useT();
  const { locale } = useLocale();
  const c = result.claims;
  const none = t('common.none');

  const banner =
    result.status === 'valid' ? (
      <div className="jn-verify-banner jn-verify-valid" data-testid="verify-status" data-status="valid">
        <CheckCircleFilled className="jn-verify-banner-icon" />
        <div>
          <div className="jn-verify-banner-title">{t('verify.valid')}</div>
          <div className="jn-verify-banner-text">{t('verify.validText')}</div>
        </div>
      </div>
    ) : result.status === 'revoked' ? (
      <div className="jn-verify-banner jn-verify-bad" data-testid="verify-status" data-status="revoked">
        <CloseCircleFilled className="jn-verify-banner-icon" />
        <div>
          <div className="jn-verify-banner-title">{t('verify.revoked')}</div>
          <div className="jn-verify-banner-text">
            {result.revocation
              ? t('verify.revokedText', { at: formatDateTime(result.revocation.at, locale), reason: result.revocation.reason })
              : t('verify.revokedNoReason')}
          </div>
        </div>
      </div>
    ) : (
      <div className="jn-verify-banner jn-verify-bad" data-testid="verify-status" data-status="invalid" data-reason={result.reason}>
        <ExclamationCircleFilled className="jn-verify-banner-icon" />
        <div>
          <div className="jn-verify-banner-title">{t('verify.invalid')}</div>
          <div className="jn-verify-banner-text" data-testid="verify-reason">
            {failureLabel(t, result.reason)}
          </div>
        </div>
      </div>
    );

  return (
    <Card variant="borderless" className="jn-card jn-public-card" data-testid="verify-result">
      <Flex vertical gap={20}>
        {banner}
        {c ? (
          <>
            <Flex align="center" gap={12}>
              <SafetyCertificateOutlined className="jn-verify-cert-icon" />
              <div>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="verify-title">
                  {result.title ?? certTypeLabel(t, c.type, c.typeName)}
                </Typography.Title>
                <span className="jn-mono jn-muted">{c.number}</span>
              </div>
            </Flex>
            <Descriptions
              bordered
              size="middle"
              column={{ xs: 1, sm: 1, md: 2 }}
              className="jn-verify-claims"
              data-testid="verify-claims"
              items={[
                { key: 'holder', label: t('cert.col.holder'), children: <strong>{c.holder.name}</strong> },
                { key: 'id', label: t('cert.col.idMasked'), children: <span className="jn-mono">{c.holder.idNumberMasked}</span> },
                { key: 'type', label: t('cert.col.type'), children: certTypeLabel(t, c.type, c.typeName) },
                { key: 'number', label: t('cert.col.number'), children: <span className="jn-mono">{c.number}</span> },
                {
                  key: 'occupation',
                  label: t('cert.col.occupation'),
                  children: (
                    <span>
                      {c.occupation.name} <span className="jn-muted jn-mono">{c.occupation.code}</span>
                    </span>
                  ),
                },
                { key: 'level', label: t('cert.col.level'), children: c.level?.name ?? none },
                {
                  key: 'issuer',
                  label: t('cert.col.issuer'),
                  children: (
                    <Flex vertical gap={0}>
                      <span>{c.issuer.name}</span>
                      <span className="jn-muted jn-small">
                        {t('verify.creditCode')} <span className="jn-mono">{c.issuer.creditCode}</span>
                      </span>
                    </Flex>
                  ),
                },
                { key: 'issuedOn', label: t('cert.col.issuedOn'), children: c.issuedOn },
                {
                  key: 'training',
                  label: t('verify.training'),
                  span: { xs: 1, sm: 1, md: 2 },
                  children: c.training
                    ? t('verify.trainingValue', { className: c.training.className, institution: c.training.institution, hours: c.training.hours })
                    : none,
                },
                {
                  key: 'kid',
                  label: t('verify.kid'),
                  span: { xs: 1, sm: 1, md: 2 },
                  children: <span className="jn-mono jn-break">{result.kid ?? none}</span>,
                },
              ]}
            />
            {result.status === 'revoked' ? (
              <Alert type="error" showIcon title={t('verify.revokedNote')} />
            ) : null}
            {result.jws || result.credential ? (
              <Collapse
                size="small"
                items={[
                  ...(result.jws
                    ? [
                        {
                          key: 'jws',
                          label: t('verify.showJws'),
                          children: (
                            <Typography.Paragraph copyable={{ text: result.jws }} className="jn-json" data-testid="verify-jws-text">
                              {result.jws}
                            </Typography.Paragraph>
                          ),
                        },
                      ]
                    : []),
                  ...(result.credential
                    ? [
                        {
                          key: 'credential',
                          label: t('verify.showCredential'),
                          children: <pre className="jn-json">{JSON.stringify(result.credential, null, 2)}</pre>,
                        },
                      ]
                    : []),
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
