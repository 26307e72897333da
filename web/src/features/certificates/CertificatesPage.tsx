import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { get, withQuery } from '../../app/api';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import type { Paged } from '../../app/types';
import { CertStatusTag, CertificateDrawer } from './CertificateDrawer';
import type { Certificate, CertificateStatus } from './types';

export function useCertificateColumns(onOpen: (c: Certificate) => void, opts: { showClass?: boolean } = {}): TableColumnsType<Certificate> {
  const t = useT();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return [
    {
      title: t('cert.col.number'),
      dataIndex: 'number',
      key: 'number',
      width: 200,
      render: (v: string, row) => (
        <Button type="link" size="small" className="jn-link-cell jn-mono" onClick={() => onOpen(row)} data-testid="certificate-open">
          {v}
        </Button>
      ),
    },
    {
      title: t('cert.col.holder'),
      key: 'holder',
      width: 140,
      render: (_: unknown, row) => (
        <Flex vertical gap={0}>
          <span>{row.holderName}</span>
          <Typography.Text type="secondary" className="jn-small jn-mono">
            {row.idMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cert.col.occupationLevel'),
      key: 'occupation',
      width: 170,
      render: (_: unknown, row) => (
        <Flex vertical gap={0}>
          <span>{row.occupationName ?? none}</span>
          <Typography.Text type="secondary" className="jn-small jn-class-name">
            {[row.levelName, row.typeName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cert.col.issuer'),
      dataIndex: 'issuerName',
      key: 'issuer',
      width: 180,
      render: (v: string) => <span className="jn-class-name">{v}</span>,
    },
    ...(opts.showClass
      ? [
          {
            title: t('cert.col.class'),
            dataIndex: 'className',
            key: 'class',
            width: 200,
            render: (v: string | null) => (v ? <span className="jn-class-name jn-small">{v}</span> : none),
          },
        ]
      : []),
    { title: t('cert.col.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn', width: 110, render: (v: string) => <span className="jn-mono">{v}</span> },
    {
      title: t('cert.col.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: CertificateStatus) => <CertStatusTag status={s} />,
    },
  ];
}

/** 证书: the electronic certificates in the caller's scope; the drawer shows one, its PDF, and revocation. */
export default function CertificatesPage() {
  const t = useT();
  const list = useListParams();
  const q = list.param('q');
  const rawStatus = list.param('status');
  const status = rawStatus === 'valid' || rawStatus === 'revoked' ? rawStatus : undefined;
  const [open, setOpen] = useState<string | null>(null);
  const params = { q, status, page: list.page, pageSize: list.pageSize };
  const query = useQuery({
    queryKey: ['certificates', 'list', params],
    queryFn: ({ signal }) => get<Paged<Certificate>>(withQuery('/api/certificates', params), signal),
    placeholderData: keepPreviousData,
  });
  const columns = useCertificateColumns((c) => setOpen(c.id), { showClass: true });
  const filtered = Boolean(q || status);

  return (
    <PageContainer title={t('cert.title')} subTitle={t('cert.subtitle')}>
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onReset={filtered ? () => list.update({ q: undefined, status: undefined }) : undefined}
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
          extra={
            <a href="/verify" target="_blank" rel="noreferrer">
              <Button icon={<SafetyCertificateOutlined />}>{t('cert.publicVerify')}</Button>
            </a>
          }
        >
          <SearchBox value={q} placeholder={t('cert.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
          <Select<CertificateStatus>
            value={status}
            onChange={(v) => list.update({ status: v })}
            allowClear
            placeholder={t('cert.filter.status')}
            style={{ minWidth: 140 }}
            options={[
              { value: 'valid', label: t('cert.status.valid') },
              { value: 'revoked', label: t('cert.status.revoked') },
            ]}
            data-testid="status-filter"
          />
        </ListToolbar>
        <PagedTable<Certificate>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={filtered}
          emptyText={t('cert.empty')}
          data-testid="certificate-table"
        />
      </Card>
      <CertificateDrawer id={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
