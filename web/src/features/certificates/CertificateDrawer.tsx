import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { FilePdfOutlined, LinkOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { get, post } from '../../app/api';
import { useAuth } from '../../app/auth';
import { showFormErrors } from '../../app/formErrors';
import { formatDateTime } from '../../app/format';
import { LoadError } from '../../app/results';
import type { Certificate } from './types';

export const certificatePath = (id: string) => `/api/certificates/${encodeURIComponent(id)}`;

export function CertStatusTag({ status }: { status: Certificate['status'] }) {
  const t = useT();
  return status === 'valid' ? (
    <Tag color="success" className="jn-tag-tight" data-status="valid">
      {t('cert.status.valid')}
    </Tag>
  ) : (
    <Tag color="error" className="jn-tag-tight" data-status="revoked">
      {t('cert.status.revoked')}
    </Tag>
  );
}

/** The verification page's path on this site (the certificate's verifyUrl may carry another host). */
export function verifyPathOf(url: string): string {
  try {
    const u = new URL(url, window.location.origin);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** 证书详情: the certificate, its PDF, its verification link and — for the issuer or the HR office — revocation. */
export function CertificateDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const [revoking, setRevoking] = useState(false);
  const query = useQuery({
    queryKey: ['certificates', 'detail', id],
    queryFn: ({ signal }) => get<Certificate | { certificate: Certificate }>(certificatePath(id ?? ''), signal),
    select: (body) => ('certificate' in body ? body.certificate : body),
    enabled: Boolean(id),
  });
  const c = query.data;
  const none = t('common.none');

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={560}
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('cert.detail')}
        </Space>
      }
      destroyOnHidden
      data-testid="certificate-drawer"
      extra={
        c ? (
          <Space>
            <a href={`${certificatePath(c.id)}/pdf`} target="_blank" rel="noreferrer" data-testid="certificate-pdf">
              <Button icon={<FilePdfOutlined />}>{t('cert.pdf')}</Button>
            </a>
            {can('certificate.revoke') && c.status === 'valid' ? (
              <Button danger icon={<StopOutlined />} onClick={() => setRevoking(true)} data-testid="certificate-revoke">
                {t('cert.revoke')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !c ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          {c.status === 'revoked' && c.revocation ? (
            <Alert
              type="error"
              showIcon
              title={t('cert.revokedOn', { at: formatDateTime(c.revocation.at, locale) })}
              description={c.revocation.reason}
            />
          ) : null}
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {c.title ?? c.typeName ?? c.type}
            </Typography.Title>
            <Space size={8} style={{ marginTop: 6 }}>
              <CertStatusTag status={c.status} />
              <span className="jn-mono">{c.number}</span>
            </Space>
          </div>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'number', label: t('cert.col.number'), children: <span className="jn-mono">{c.number}</span> },
              { key: 'type', label: t('cert.col.type'), children: c.typeName ?? c.type },
              { key: 'holder', label: t('cert.col.holder'), children: c.holderName },
              { key: 'id', label: t('cert.col.idMasked'), children: <span className="jn-mono">{c.idMasked}</span> },
              { key: 'occupation', label: t('cert.col.occupation'), children: c.occupationName ?? none },
              { key: 'level', label: t('cert.col.level'), children: c.levelName ?? none },
              { key: 'issuer', label: t('cert.col.issuer'), children: c.issuerName },
              { key: 'issuedOn', label: t('cert.col.issuedOn'), children: c.issuedOn },
              {
                key: 'class',
                label: t('cert.col.class'),
                children:
                  c.className && c.classId && can('class.read') ? (
                    <Link to={`/classes/${encodeURIComponent(c.classId)}`}>{c.className}</Link>
                  ) : (
                    (c.className ?? none)
                  ),
              },
              { key: 'status', label: t('cert.col.status'), children: <CertStatusTag status={c.status} /> },
            ]}
          />
          <Alert
            type="info"
            showIcon
            icon={<LinkOutlined />}
            title={t('cert.verifyLinkTitle')}
            description={
              <Flex vertical gap={4}>
                <Typography.Text copyable={{ text: c.verifyUrl }} className="jn-break">
                  <Link to={verifyPathOf(c.verifyUrl)} target="_blank" data-testid="certificate-verify-link">
                    {c.verifyUrl}
                  </Link>
                </Typography.Text>
                <Typography.Text type="secondary" className="jn-small">
                  {t('cert.verifyLinkHint')}
                </Typography.Text>
              </Flex>
            }
          />
          <RevokeModal cert={c} open={revoking} onClose={() => setRevoking(false)} />
        </Flex>
      )}
    </Drawer>
  );
}

function RevokeModal({ cert, open, onClose }: { cert: Certificate; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useMutation({
    mutationFn: (reason: string) => post<unknown>(`${certificatePath(cert.id)}/revoke`, { reason }),
    onSuccess: async () => {
      message.success(t('cert.revoked'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['certificates'] });
      await queryClient.invalidateQueries({ queryKey: ['classes'] });
    },
    onError: (error) => showFormErrors(form, error, locale, t, (text) => message.error(text, 6)),
  });
  return (
    <Modal
      open={open}
      title={t('cert.revokeTitle', { number: cert.number })}
      okText={t('cert.revoke')}
      okButtonProps={{ danger: true, 'data-testid': 'certificate-revoke-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={revoke.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('cert.revokeWarning')} style={{ margin: '16px 0' }} />
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(v) => revoke.mutate(v.reason.trim())}>
        <Form.Item name="reason" label={t('cert.revokeReason')} rules={[{ required: true, whitespace: true, message: t('cert.revokeReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('cert.revokeReasonPlaceholder')} data-testid="certificate-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
