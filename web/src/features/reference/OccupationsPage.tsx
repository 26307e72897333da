import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { CheckCircleFilled, CheckOutlined, CloseOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isApiError, patch, post } from '../../app/api';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { PAGE_SIZES } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { LoadError } from '../../app/results';
import type { Occupation } from '../../app/types';

const KEY = ['reference', 'occupations'] as const;
type StatusFilter = 'all' | 'active' | 'inactive';
type NewOccupation = { code: string; name: string };

export default function OccupationsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [editing, setEditing] = useState<{ id: Occupation['id']; name: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [addForm] = Form.useForm<NewOccupation>();

  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => get<{ items: Occupation[] }>('/api/reference/occupations', signal),
    select: (body) => body.items,
  });

  const create = useMutation({
    mutationFn: (body: NewOccupation) => post<unknown>('/api/reference/occupations', body),
    onSuccess: async () => {
      message.success(t('occ.created'));
      setAdding(false);
      addForm.resetFields();
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => {
      const text = errorText(error, locale, t);
      const field = isApiError(error) ? error.field : undefined;
      if (field === 'code' || field === 'name') addForm.setFields([{ name: field, errors: [text] }]);
      else message.error(text);
    },
  });

  const update = useMutation({
    mutationFn: ({ id, body }: { id: Occupation['id']; body: { name?: string; active?: boolean } }) =>
      patch<unknown>(`/api/reference/occupations/${encodeURIComponent(String(id))}`, body),
    onSuccess: async () => {
      message.success(t('occ.updated'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => message.error(errorText(error, locale, t)),
  });

  const all = query.data;
  const rows = useMemo(() => {
    const needle = q?.toLowerCase();
    return (all ?? []).filter(
      (o) =>
        (status === 'all' || (status === 'active') === o.active) &&
        (!needle || o.code.toLowerCase().includes(needle) || o.name.toLowerCase().includes(needle)),
    );
  }, [all, q, status]);
  const activeCount = (all ?? []).filter((o) => o.active).length;

  const saveName = () => {
    if (!editing) return;
    const name = editing.name.trim();
    if (!name) {
      message.error(t('occ.nameRequired'));
      return;
    }
    update.mutate({ id: editing.id, body: { name } });
  };

  const columns: TableColumnsType<Occupation> = [
    {
      title: t('occ.col.code'),
      dataIndex: 'code',
      key: 'code',
      width: 160,
      sorter: (a, b) => a.code.localeCompare(b.code),
      defaultSortOrder: 'ascend',
      render: (v: string) => <span className="jn-mono">{v}</span>,
    },
    {
      title: t('occ.col.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) =>
        editing?.id === row.id ? (
          <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
            <Input
              autoFocus
              value={editing.name}
              onChange={(e) => setEditing({ id: row.id, name: e.target.value })}
              onPressEnter={saveName}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setEditing(null);
              }}
              data-testid="occupation-name-input"
            />
            <Button type="primary" icon={<CheckOutlined />} loading={update.isPending} onClick={saveName} aria-label={t('common.save')} />
            <Button icon={<CloseOutlined />} onClick={() => setEditing(null)} aria-label={t('common.cancel')} />
          </Space.Compact>
        ) : (
          <Typography.Text delete={!row.active} type={row.active ? undefined : 'secondary'}>
            {name}
          </Typography.Text>
        ),
    },
    {
      title: t('occ.col.verified'),
      dataIndex: 'verified',
      key: 'verified',
      width: 120,
      render: (v: boolean) =>
        v ? (
          <Tag color="success" icon={<CheckCircleFilled />}>
            {t('occ.verified')}
          </Tag>
        ) : (
          <Tag>{t('occ.unverified')}</Tag>
        ),
    },
    {
      title: t('occ.col.status'),
      dataIndex: 'active',
      key: 'active',
      width: 110,
      render: (v: boolean) => <Badge status={v ? 'success' : 'default'} text={v ? t('occ.active') : t('occ.inactive')} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, row) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            disabled={editing?.id === row.id}
            onClick={() => setEditing({ id: row.id, name: row.name })}
          >
            {t('occ.rename')}
          </Button>
          <Popconfirm
            title={row.active ? t('occ.deactivateConfirm', { name: row.name }) : t('occ.activateConfirm', { name: row.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => update.mutateAsync({ id: row.id, body: { active: !row.active } }).catch(() => undefined)}
          >
            <Button type="link" size="small" danger={row.active}>
              {row.active ? t('occ.deactivate') : t('occ.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('occ.title')}
      subTitle={t('occ.subtitle')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="occupation-add">
          {t('occ.add')}
        </Button>
      }
    >
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
          extra={
            all ? (
              <Typography.Text type="secondary" className="jn-small">
                {t('occ.count', { total: all.length, active: activeCount })}
              </Typography.Text>
            ) : null
          }
        >
          <SearchBox value={q} placeholder={t('occ.searchPlaceholder')} onSearch={setQ} />
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: t('occ.filter.all') },
              { value: 'active', label: t('occ.filter.active') },
              { value: 'inactive', label: t('occ.filter.inactive') },
            ]}
          />
        </ListToolbar>
        {query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<Occupation>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={query.isPending}
            scroll={{ x: 'max-content' }}
            pagination={{
              defaultPageSize: 20,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (n) => t('common.total', { total: n }),
            }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={q || status !== 'all' ? t('common.emptyFiltered') : t('common.empty')}
                />
              ),
            }}
          />
        )}
      </Card>

      <Modal
        open={adding}
        title={t('occ.addTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'occupation-add-submit' } as ButtonProps}
        onOk={() => addForm.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        forceRender
      >
        <Form<NewOccupation>
          form={addForm}
          layout="vertical"
          requiredMark={false}
          style={{ marginTop: 16 }}
          onFinish={(values) => create.mutate({ code: values.code.trim(), name: values.name.trim() })}
        >
          <Form.Item
            name="code"
            label={t('occ.col.code')}
            rules={[
              { required: true, whitespace: true, message: t('occ.codeRequired') },
              { pattern: /^\s*[1-8]-\d{2}-\d{2}-\d{2}\s*$/, message: t('occ.codeRule') },
            ]}
          >
            <Input placeholder={t('occ.codePlaceholder')} data-testid="occupation-code" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('occ.col.name')}
            rules={[{ required: true, whitespace: true, message: t('occ.nameRequired') }]}
          >
            <Input placeholder={t('occ.namePlaceholder')} data-testid="occupation-name" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
