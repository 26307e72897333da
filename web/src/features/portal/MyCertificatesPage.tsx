import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { get } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import { CertStatusTag, certificatePath, verifyPathOf } from '../certificates/CertificateDrawer';
import type { Certificate } from '../certificates/types';

/** 我的证书: the worker's electronic certificates, each with its PDF and its public verification page. */
export default function MyCertificatesPage() {
  const t = useT();
  const { locale } = useLocale();
  const query = useQuery({
    queryKey: ['me', 'certificates'],
    queryFn: ({ signal }) => get<{ items: Certificate[] }>('/api/me/certificates', signal),
    select: (body) => body.items,
  });
  const items = query.data ?? [];
  const none = t('common.none');

  return (
    <PageContainer title={t('portal.certs.title')} subTitle={t('portal.certs.subtitle')}>
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Card variant="borderless" className="jn-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : items.length === 0 ? (
        <Card variant="borderless" className="jn-card">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.certs.empty')} data-testid="portal-certs-empty" />
        </Card>
      ) : (
        <Row gutter={[16, 16]} data-testid="portal-certs">
          {items.map((c) => (
            <Col key={c.id} xs={24} lg={12}>
              <Card variant="borderless" className={`jn-card jn-cert-card${c.status === 'revoked' ? ' jn-cert-revoked' : ''}`} data-testid="portal-cert">
                <Flex vertical gap={12}>
                  <Flex align="flex-start" gap={12}>
                    <div className="jn-cert-icon">
                      <SafetyCertificateOutlined />
                    </div>
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <Typography.Title level={5} className="jn-portal-title">
                        {c.title ?? c.typeName ?? c.type}
                      </Typography.Title>
                      <Flex gap={8} align="center" wrap>
                        <CertStatusTag status={c.status} />
                        <span className="jn-mono jn-small">{c.number}</span>
                      </Flex>
                    </div>
                  </Flex>
                  {c.status === 'revoked' && c.revocation ? (
                    <Alert
                      type="error"
                      showIcon
                      title={t('cert.revokedOn', { at: formatDateTime(c.revocation.at, locale) })}
                      description={c.revocation.reason}
                    />
                  ) : null}
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'type', label: t('cert.col.type'), children: c.typeName ?? c.type },
                      { key: 'occupation', label: t('cert.col.occupation'), children: c.occupationName ?? none },
                      { key: 'level', label: t('cert.col.level'), children: c.levelName ?? none },
                      { key: 'issuer', label: t('cert.col.issuer'), children: c.issuerName },
                      { key: 'issuedOn', label: t('cert.col.issuedOn'), children: c.issuedOn },
                      ...(c.className ? [{ key: 'class', label: t('cert.col.class'), children: c.className }] : []),
                    ]}
                  />
                  <Flex gap={8} wrap>
                    <a href={`${certificatePath(c.id)}/pdf`} target="_blank" rel="noreferrer" data-testid="portal-cert-pdf">
                      <Button type="primary" icon={<FilePdfOutlined />}>
                        {t('cert.pdf')}
                      </Button>
                    </a>
                    <Link to={verifyPathOf(c.verifyUrl)} target="_blank" data-testid="portal-cert-verify">
                      <Button icon={<SafetyCertificateOutlined />}>{t('portal.certs.verify')}</Button>
                    </Link>
                  </Flex>
                  <Typography.Text type="secondary" className="jn-small">
                    {t('portal.certs.shareHint')}
                  </Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </PageContainer>
  );
}
