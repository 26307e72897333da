import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Timeline,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import {
  ArrowLeftOutlined,
  BranchesOutlined,
  CheckCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { del, errorText, get, isNotFound, post } from '../../app/api';
import { formatDateTime, formatFen } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import { useRefName, useReferenceCodes } from '../../app/reference';
import { LoadError, NotFoundResult } from '../../app/results';
import type { Catalog, CatalogAction, CatalogDetail, CatalogInstitution, CatalogProject } from '../../app/types';
import { AddInstitutionModal, AddProjectModal, CreateCatalogModal, ReturnModal } from './CatalogModals';
import { InstitutionTable, ProjectTable } from './CatalogTables';
import { CatalogStatusTag, DECISION_COLORS, catalogKindLabel, catalogKindLong, catalogKindName, decisionLabel } from './labels';

/** 目录详情: header, review actions from `allowedActions`, the entries (editable while draft) and the decisions. */
export default function CatalogDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const [adding, setAdding] = useState(false);
  const [returning, setReturning] = useState(false);
  const [newVersion, setNewVersion] = useState(false);
  const codes = useReferenceCodes();
  const refName = useRefName();
  const path = `/api/catalogs/${encodeURIComponent(id)}`;

  const query = useQuery({
    queryKey: ['catalogs', 'detail', id],
    queryFn: ({ signal }) => get<CatalogDetail>(path, signal),
    enabled: Boolean(id),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['catalogs'] });

  const transition = useMutation({
    mutationFn: (action: Exclude<CatalogAction, 'return'>) => post<unknown>(`${path}/transition`, { action }),
    onSuccess: async (_, action) => {
      message.success(action === 'publish' ? t('catalog.published') : t('catalog.submitted'));
      await refresh();
    },
    onError: (error) => message.error(errorText(error, locale, t)),
  });
  const removeProject = useMutation({
    mutationFn: (row: CatalogProject) => del<unknown>(`${path}/projects/${encodeURIComponent(row.id)}`),
    onSuccess: async () => {
      message.success(t('catalog.projectRemoved'));
      await refresh();
    },
    onError: (error) => message.error(errorText(error, locale, t)),
  });
  const removeInstitution = useMutation({
    mutationFn: (row: CatalogInstitution) =>
      post<unknown>(`${path}/institutions/remove`, {
        orgId: row.orgId,
        occupationCode: row.occupationCode,
        levelCode: row.levelCode,
      }),
    onSuccess: async () => {
      message.success(t('catalog.institutionRemoved'));
      await refresh();
    },
    onError: (error) => message.error(errorText(error, locale, t)),
  });

  if (isNotFound(query.error)) return <NotFoundResult />;

  const data = query.data;
  const catalog = data?.catalog;
  const draft = catalog?.status === 'draft';
  const none = t('common.none');

  const confirmPublish = (c: Catalog) =>
    modal.confirm({
      title: t('catalog.publishConfirmTitle', { title: c.title }),
      content: t('catalog.publishConfirm', { year: c.year, kind: catalogKindLong(t, c.kind) }),
      icon: <CheckCircleOutlined style={{ color: '#389e0d' }} />,
      okText: t('catalog.action.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'catalog-publish-confirm' } as ButtonProps,
      onOk: () => transition.mutateAsync('publish').catch(() => undefined),
    });

  const actions = catalog?.allowedActions ?? [];
  const extra = (
    <Flex gap={8} wrap>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/catalogs')}>
        {t('common.back')}
      </Button>
      {catalog && actions.includes('return') ? (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="catalog-return">
          {t('catalog.action.return')}
        </Button>
      ) : null}
      {catalog && actions.includes('submit') ? (
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={transition.isPending && transition.variables === 'submit'}
          onClick={() => transition.mutate('submit')}
          data-testid="catalog-submit"
        >
          {t('catalog.action.submit')}
        </Button>
      ) : null}
      {catalog && actions.includes('publish') ? (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={transition.isPending && transition.variables === 'publish'}
          onClick={() => confirmPublish(catalog)}
          data-testid="catalog-publish"
        >
          {t('catalog.action.publish')}
        </Button>
      ) : null}
      {catalog?.status === 'published' ? (
        <Button icon={<BranchesOutlined />} onClick={() => setNewVersion(true)} data-testid="catalog-new-version">
          {t('catalog.newVersion')}
        </Button>
      ) : null}
    </Flex>
  );

  const lockedText =
    catalog?.status === 'published'
      ? t('catalog.lockedPublished')
      : catalog?.status === 'superseded'
        ? t('catalog.lockedSuperseded')
        : catalog?.status === 'in_review'
          ? t('catalog.lockedReview')
          : null;

  const isProjects = catalog?.kind === 'projects';
  const itemCount = data ? (isProjects ? data.projects.length : data.institutions.length) : 0;
  const subsidyRange = (() => {
    if (!data || data.projects.length === 0) return null;
    const fens = data.projects.map((p) => p.subsidyFen);
    const lo = Math.min(...fens);
    const hi = Math.max(...fens);
    return lo === hi ? formatFen(lo) : `${formatFen(lo)} – ${formatFen(hi)}`;
  })();

  return (
    <PageContainer
      title={
        catalog ? (
          <Flex align="center" gap={10} wrap>
            <span>{catalog.title}</span>
            <span data-testid="catalog-status">
              <CatalogStatusTag status={catalog.status} />
            </span>
          </Flex>
        ) : (
          t('catalog.detail')
        )
      }
      docTitle={catalog?.title ?? t('catalog.detail')}
      subTitle={
        catalog
          ? [
              t('catalog.yearValue', { year: catalog.year }),
              catalogKindLabel(t, catalog.kind),
              t('catalog.versionValue', { version: catalog.version }),
            ].join(' · ')
          : undefined
      }
      crumbs={[{ title: t('catalog.title'), path: '/catalogs' }]}
      menuKey="/catalogs"
      extra={extra}
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || !catalog ? (
        <Card variant="borderless" className="jn-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {lockedText ? (
            <Alert
              type={catalog.status === 'in_review' ? 'info' : catalog.status === 'superseded' ? 'warning' : 'success'}
              showIcon
              title={lockedText}
              data-testid="catalog-locked"
            />
          ) : null}

          <Card variant="borderless" className="jn-card" title={t('catalog.summary')}>
            <Row gutter={[24, 16]}>
              <Col xs={24} xl={17}>
                <Descriptions
                  size="middle"
                  column={{ xs: 1, sm: 2, md: 3 }}
                  items={[
                    { key: 'kind', label: t('catalog.kind'), children: catalogKindName(t, catalog.kind) },
                    { key: 'year', label: t('catalog.year'), children: catalog.year },
                    {
                      key: 'version',
                      label: t('catalog.version'),
                      children: t('catalog.versionValue', { version: catalog.version }),
                    },
                    { key: 'status', label: t('catalog.status'), children: <CatalogStatusTag status={catalog.status} /> },
                    { key: 'createdAt', label: t('catalog.createdAt'), children: formatDateTime(catalog.createdAt, locale) },
                    {
                      key: 'publishedAt',
                      label: t('catalog.publishedAt'),
                      children: catalog.publishedAt ? formatDateTime(catalog.publishedAt, locale) : none,
                    },
                    {
                      key: 'basedOn',
                      label: t('catalog.basedOn'),
                      children: catalog.basedOn ? (
                        <Link to={`/catalogs/${encodeURIComponent(catalog.basedOn)}`}>{t('common.view')}</Link>
                      ) : (
                        t('catalog.basedOnNone')
                      ),
                    },
                  ]}
                />
              </Col>
              <Col xs={24} xl={7}>
                <Row gutter={16} className="jn-catalog-stats">
                  <Col span={isProjects ? 10 : 24}>
                    <Statistic title={t('catalog.itemCount')} value={itemCount} />
                  </Col>
                  {isProjects ? (
                    <Col span={14}>
                      <Statistic
                        title={t('catalog.col.subsidy')}
                        value={subsidyRange ?? none}
                        valueStyle={{ fontSize: subsidyRange && subsidyRange.includes('–') ? 18 : undefined }}
                      />
                    </Col>
                  ) : null}
                </Row>
              </Col>
            </Row>
          </Card>

          <Card
            variant="borderless"
            className="jn-card"
            title={isProjects ? t('catalog.projects') : t('catalog.institutions')}
            extra={
              draft ? (
                <Flex align="center" gap={12}>
                  <Typography.Text type="secondary" className="jn-small jn-catalog-draft-hint">
                    {t('catalog.draftHint')}
                  </Typography.Text>
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setAdding(true)}
                    data-testid={isProjects ? 'catalog-add-project' : 'catalog-add-institution'}
                  >
                    {isProjects ? t('catalog.addProject') : t('catalog.addInstitution')}
                  </Button>
                </Flex>
              ) : null
            }
          >
            {isProjects ? (
              <ProjectTable
                rows={data.projects}
                trainingTypes={codes.data?.trainingTypes}
                typeName={refName}
                onRemove={draft ? (row) => removeProject.mutateAsync(row) : undefined}
                removing={removeProject.isPending}
                testId="catalog-projects"
              />
            ) : (
              <InstitutionTable
                rows={data.institutions}
                onRemove={draft ? (row) => removeInstitution.mutateAsync(row) : undefined}
                removing={removeInstitution.isPending}
                testId="catalog-institutions"
              />
            )}
          </Card>

          <Card variant="borderless" className="jn-card" title={t('catalog.decisions')}>
            {data.decisions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.decisionsEmpty')} />
            ) : (
              <Timeline
                className="jn-status-timeline"
                data-testid="catalog-decisions"
                items={data.decisions.map((d, i) => ({
                  key: `${d.at}-${i}`,
                  color: DECISION_COLORS[d.action] ?? 'gray',
                  content: (
                    <div className="jn-history-item">
                      <Typography.Text strong>{decisionLabel(t, d.action)}</Typography.Text>
                      {d.reason ? <div className="jn-history-reason">{d.reason}</div> : null}
                      <Typography.Text type="secondary" className="jn-small">
                        {t('catalog.decisionBy', {
                          name: d.actorName ?? t('audit.system'),
                          at: formatDateTime(d.at, locale),
                        })}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>

          {draft && isProjects ? <AddProjectModal catalogId={catalog.id} open={adding} onClose={() => setAdding(false)} /> : null}
          {draft && !isProjects ? (
            <AddInstitutionModal catalogId={catalog.id} open={adding} onClose={() => setAdding(false)} />
          ) : null}
          <ReturnModal catalog={catalog} open={returning} onClose={() => setReturning(false)} />
          <CreateCatalogModal open={newVersion} base={catalog} onClose={() => setNewVersion(false)} />
        </Flex>
      )}
    </PageContainer>
  );
}
