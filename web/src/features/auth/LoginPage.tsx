import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Progress, Typography } from 'antd';
import {
  BarChartOutlined,
  AuditOutlined,
  DatabaseOutlined,
  LockOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { landingPath } from '../../app/nav';
import { PASSWORD_PATH } from '../../app/guards';
import { LocaleSwitch } from '../../app/AppLayout';
import { LogoMark } from '../../app/Logo';
import type { Me, PublicStatus } from '../../app/types';

type LoginForm = { username: string; password: string };

function SeedingStatus() {
  const t = useT();
  const status = useQuery({
    queryKey: ['public', 'status'],
    queryFn: ({ signal }) => get<PublicStatus>('/api/public/status', signal),
    refetchInterval: (query) => (query.state.data?.ready ? false : 1500),
    retry: false,
  });

  if (status.isError && !status.data) {
    return <Alert type="warning" showIcon title={t('login.serverUnavailable')} className="jn-login-alert" />;
  }
  const data = status.data;
  if (!data || (data.ready && !data.seeding)) return null;
  const seeding = data.seeding;
  const percent = seeding && seeding.total > 0 ? Math.min(100, Math.floor((seeding.done / seeding.total) * 100)) : 0;
  return (
    <Alert
      type="info"
      showIcon
      icon={<DatabaseOutlined />}
      className="jn-login-alert"
      data-testid="seeding-status"
      title={t('login.seeding')}
      description={
        <div>
          <Progress percent={percent} status="active" size="small" />
          <Typography.Text type="secondary" className="jn-small">
            {seeding
              ? t('login.seedingProgress', { phase: seeding.phase, done: seeding.done, total: seeding.total })
              : t('login.seedingPreparing')}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" className="jn-small">
            {t('login.seedingHint')}
          </Typography.Text>
        </div>
      }
    />
  );
}

export default function LoginPage() {
  const t = useT();
  const { locale } = useLocale();
  const { me, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  const from = (location.state as { from?: string } | null)?.from;
  /** Where a signed-in user goes from here: back where they came from (a scan link, say), else their landing page. */
  const targetFor = (user: Me) =>
    user.mustChangePassword ? PASSWORD_PATH : from && from !== '/login' && from !== '/' ? from : landingPath(user);

  if (me && !submitting) {
    return <Navigate to={targetFor(me)} replace />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await signIn(values.username.trim(), values.password);
      navigate(targetFor(user), { replace: true });
    } catch (err) {
      setError(err);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const errorMessage = error
    ? isApiError(error) && (error.status === 401 || error.status === 400) && !error.messages
      ? t('login.failed')
      : errorText(error, locale, t)
    : null;

  return (
    <div className="jn-login">
      <div className="jn-login-top">
        <LocaleSwitch className="jn-login-locale" />
      </div>
      <div className="jn-login-inner">
        <section className="jn-login-intro">
          <div className="jn-login-brand">
            <LogoMark size={52} />
            <div>
              <div className="jn-login-brand-name">
                {t('app.name')}
                <span className="jn-login-brand-latin">{t('app.nameLatin')}</span>
              </div>
              <div className="jn-login-brand-full">{t('app.fullName')}</div>
            </div>
          </div>
          <p className="jn-login-tagline">{t('app.tagline')}</p>
          <ul className="jn-login-features">
            <li>
              <TeamOutlined /> {t('login.feature.registry')}
            </li>
            <li>
              <SafetyCertificateOutlined /> {t('login.feature.claims')}
            </li>
            <li>
              <AuditOutlined /> {t('login.feature.audit')}
            </li>
          </ul>
        </section>
        <Card className="jn-login-card" variant="borderless">
          <div className="jn-login-card-head">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          {from?.startsWith('/scan') ? (
            <Alert type="info" showIcon title={t('login.scanHint')} className="jn-login-alert" data-testid="login-scan-hint" />
          ) : null}
          <SeedingStatus />
          {errorMessage ? (
            <Alert type="error" showIcon title={errorMessage} className="jn-login-alert" data-testid="login-error" />
          ) : null}
          <Form<LoginForm>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(values) => void onFinish(values)}
            autoComplete="on"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined className="jn-muted" />}
                placeholder={t('login.username')}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined className="jn-muted" />}
                placeholder={t('login.password')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" className="jn-login-notice">
            <SafetyCertificateOutlined /> {t('login.notice')}
          </Typography.Paragraph>
          <div className="jn-login-public">
            <Link to="/public" data-testid="login-public">
              <BarChartOutlined /> {t('login.public')}
            </Link>
            <Link to="/public/catalogs" data-testid="login-public-catalogs">
              <ProfileOutlined /> {t('login.publicCatalogs')}
            </Link>
            <Link to="/public/announcements" data-testid="login-announcements">
              <NotificationOutlined /> {t('login.announcements')}
            </Link>
            <Link to="/verify" data-testid="login-verify">
              <SafetyCertificateOutlined /> {t('login.verify')}
            </Link>
          </div>
        </Card>
      </div>
      <div className="jn-login-footer">{t('app.footer')}</div>
    </div>
  );
}
