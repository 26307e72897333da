import { useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, BankOutlined, EnvironmentOutlined, ShopOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get, isNotFound } from '../../app/api';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useUnitLabel } from '../../app/units';
import type { OrgDetail } from '../../app/types';
import { HighRiskTag, OrgStatusTag, admissionRouteLabel, institutionKindLabel } from './labels';

export default function OrganisationDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const unitLabel = useUnitLabel();
  const { id } = useParams();
  const query = useQuery({
    queryKey: ['organisations', 'detail', id],
    queryFn: ({ signal }) =>
      get<{ organisation: OrgDetail }>(`/api/organisations/${encodeURIComponent(id ?? '')}`, signal),
    select: (body) => body.organisation,
    enabled: Boolean(id),
  });

  if (isNotFound(query.error)) return <NotFoundResult />;

  const org = query.data;
  const listPath = org?.kind === 'enterprise' ? '/enterprises' : '/institutions';
  const listTitle = org?.kind === 'enterprise' ? t('orgs.enterprises.title') : t('orgs.institutions.title');
  const none = t('common.none');
  const people = (n: number | null) => (n === null ? none : t('orgs.peopleValue', { count: n }));

  return (
    <PageContainer
      title={org?.name ?? t('orgs.detail.title')}
      subTitle={t('orgs.detail.title')}
      crumbs={org ? [{ title: listTitle, path: listPath }] : []}
      menuKey={org ? listPath : undefined}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
      }
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !org ? (
        <Card variant="borderless" className="jn-card">
          <Skeleton active avatar paragraph={{ rows: 5 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card variant="borderless" className="jn-card">
            <Row gutter={[24, 16]} align="middle">
              <Col xs={24} lg={14}>
                <Flex align="center" gap={20}>
                  <Avatar
                    size={64}
                    shape="square"
                    className={org.kind === 'enterprise' ? 'jn-avatar-ent' : 'jn-avatar-inst'}
                    icon={org.kind === 'enterprise' ? <ShopOutlined /> : <BankOutlined />}
                  />
                  <div>
                    <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-name">
                      {org.name}
                    </Typography.Title>
                    <Space size={8} wrap style={{ marginTop: 8 }}>
                      <Tag color={org.kind === 'enterprise' ? 'green' : 'cyan'}>{t(`orgs.kind.${org.kind}`)}</Tag>
                      <OrgStatusTag status={org.status} />
                      {org.highRisk ? <HighRiskTag /> : null}
                      <Typography.Text type="secondary">
                        <EnvironmentOutlined /> {unitLabel(org.unitCode, org.unitName, org.unitNameEn)}
                      </Typography.Text>
                    </Space>
                  </div>
                </Flex>
              </Col>
              <Col xs={24} lg={10}>
                <Row gutter={16}>
                  <Col span={12}>
                    <Statistic title={t('orgs.col.employees')} value={org.employees ?? none} />
                  </Col>
                  <Col span={12}>
                    <Statistic title={t('orgs.col.capacity')} value={org.capacity ?? none} />
                  </Col>
                </Row>
              </Col>
            </Row>
          </Card>
          <Card variant="borderless" className="jn-card" title={t('orgs.detail.basic')}>
            <Descriptions
              bordered
              size="middle"
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
              items={[
                { key: 'name', label: t('orgs.col.name'), children: org.name },
                {
                  key: 'creditCode',
                  label: t('orgs.col.creditCode'),
                  children: <span className="jn-mono">{org.creditCode}</span>,
                },
                { key: 'kind', label: t('orgs.col.kind'), children: t(`orgs.kind.${org.kind}`) },
                ...(org.kind === 'institution'
                  ? [
                      {
                        key: 'institutionKind',
                        label: t('orgs.col.institutionKind'),
                        children: institutionKindLabel(t, org.institutionKind) ?? none,
                      },
                      {
                        key: 'admissionRoute',
                        label: t('orgs.col.admissionRoute'),
                        children: admissionRouteLabel(t, org.admissionRoute) ?? none,
                      },
                    ]
                  : []),
                ...(org.industry || org.kind === 'enterprise'
                  ? [{ key: 'industry', label: t('orgs.col.industry'), children: org.industry ?? none }]
                  : []),
                {
                  key: 'highRisk',
                  label: t('orgs.col.highRisk'),
                  children: org.highRisk ? t('common.yes') : t('common.no'),
                },
                { key: 'unit', label: t('orgs.col.unit'), children: unitLabel(org.unitCode, org.unitName, org.unitNameEn) },
                { key: 'status', label: t('orgs.col.status'), children: <OrgStatusTag status={org.status} /> },
                { key: 'contactName', label: t('orgs.col.contactName'), children: org.contactName ?? none },
                {
                  key: 'contactPhone',
                  label: t('orgs.col.contactPhone'),
                  children: <span className="jn-mono">{org.contactPhoneMasked ?? none}</span>,
                },
                { key: 'employees', label: t('orgs.col.employees'), children: people(org.employees) },
                { key: 'capacity', label: t('orgs.col.capacity'), children: people(org.capacity) },
              ]}
            />
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}
