import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, isApiError, post } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { landingPath } from '../../app/nav';
import { PageContainer } from '../../app/PageContainer';

const MIN_LENGTH = 10;

type PasswordForm = { currentPassword: string; newPassword: string; confirmPassword: string };

export default function ChangePasswordPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const { patchMe, refresh } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const forced = me.mustChangePassword;

  const onFinish = async (values: PasswordForm) => {
    setSubmitting(true);
    setFormError(null);
    try {
      await post<void>('/api/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      message.success(t('password.success'));
      form.resetFields();
      patchMe({ mustChangePassword: false });
      void refresh();
      if (forced) navigate(landingPath({ ...me, mustChangePassword: false }), { replace: true });
    } catch (error) {
      const text = errorText(error, locale, t);
      const field = isApiError(error) ? error.field : undefined;
      if (field === 'currentPassword' || field === 'newPassword') {
        form.setFields([{ name: field, errors: [text] }]);
      } else {
        setFormError(text);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageContainer title={t('password.title')} subTitle={t('password.subtitle')}>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14} xl={12}>
          <Card variant="borderless" className="jn-card">
            {forced ? (
              <Alert
                type="warning"
                showIcon
                title={t('password.mustChangeTitle')}
                description={t('password.mustChange')}
                style={{ marginBottom: 24 }}
                data-testid="must-change-password"
              />
            ) : null}
            {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 24 }} /> : null}
            <Form<PasswordForm>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(values) => void onFinish(values)}
              style={{ maxWidth: 440 }}
            >
              <Form.Item
                name="currentPassword"
                label={t('password.current')}
                rules={[{ required: true, message: t('password.currentRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined className="jn-muted" />}
                  autoComplete="current-password"
                  data-testid="password-current"
                />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('password.new')}
                extra={t('password.rules', { min: MIN_LENGTH })}
                rules={[
                  { required: true, message: t('password.newRequired') },
                  { min: MIN_LENGTH, message: t('password.minLength', { min: MIN_LENGTH }) },
                  {
                    validator: (_rule, value: string | undefined) =>
                      !value || (/[A-Za-z]/.test(value) && /\d/.test(value))
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('password.needsLetterDigit'))),
                  },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value: string | undefined) =>
                      value && value === getFieldValue('currentPassword')
                        ? Promise.reject(new Error(t('password.sameAsCurrent')))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input.Password
                  prefix={<SafetyOutlined className="jn-muted" />}
                  autoComplete="new-password"
                  data-testid="password-new"
                />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('password.confirm')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('password.confirmRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value: string | undefined) =>
                      !value || value === getFieldValue('newPassword')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('password.mismatch'))),
                  }),
                ]}
              >
                <Input.Password
                  prefix={<SafetyOutlined className="jn-muted" />}
                  autoComplete="new-password"
                  data-testid="password-confirm"
                />
              </Form.Item>
              <Form.Item style={{ marginBottom: 0 }}>
                <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
                  {t('password.submit')}
                </Button>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10} xl={12}>
          <Card variant="borderless" className="jn-card" title={t('password.tipsTitle')}>
            <ul className="jn-tips">
              <li>
                <Typography.Text>{t('password.rules', { min: MIN_LENGTH })}</Typography.Text>
              </li>
              <li>
                <Typography.Text>{t('password.tip1')}</Typography.Text>
              </li>
              <li>
                <Typography.Text>{t('password.tip2')}</Typography.Text>
              </li>
              <li>
                <Typography.Text>{t('password.tip3')}</Typography.Text>
              </li>
            </ul>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
