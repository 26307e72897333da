import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { KeyOutlined, LockOutlined, PlusOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isApiError, post, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { ListToolbar, SearchBox } from '../../app/ListToolbar';
import { useListParams } from '../../app/listParams';
import { PageContainer } from '../../app/PageContainer';
import { PagedTable } from '../../app/PagedTable';
import { ROLE_COLORS, roleLabel } from '../../app/roles';
import { UnitSelect, useUnitLabel, useUnits } from '../../app/units';
import { CITY_CODE, ROLES, type AdminUser, type CreatedUser, type Paged, type Role } from '../../app/types';
import { OrgPicker } from './OrgPicker';

type NewUser = { username: string; displayName: string; role: Role; unitCode?: string; orgId?: string };

/** Roles an administrator creates here; worker accounts are tied to a worker record and made elsewhere. */
const CREATABLE_ROLES = ROLES.filter((r) => r !== 'worker');
/** Roles whose scope is a unit: a county office needs one of the 14 reporting units; finance and audit may also be city-level. */
const UNIT_ROLES: readonly Role[] = ['county_office', 'finance', 'auditor'];
const CITY_LEVEL_ROLES: readonly Role[] = ['finance', 'auditor'];
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

type PasswordNotice = { name: string; password: string };

export default function UsersPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const unitLabel = useUnitLabel();
  const list = useListParams();
  const q = list.param('q');
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<PasswordNotice | null>(null);
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);

  const query = useQuery({
    queryKey: ['admin', 'users', { page: list.page, pageSize: list.pageSize, q }],
    queryFn: ({ signal }) =>
      get<Paged<AdminUser>>(withQuery('/api/admin/users', { page: list.page, pageSize: list.pageSize, q }), signal),
    placeholderData: keepPreviousData,
  });

  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });

  const create = useMutation({
    mutationFn: (body: NewUser) =>
      post<CreatedUser>('/api/admin/users', body),
    onSuccess: async (result, body) => {
      message.success(t('users.created'));
      setCreating(false);
      form.resetFields();
      setNotice({ name: result.user?.displayName ?? body.displayName, password: result.initialPassword });
      await invalidate();
    },
    onError: (error) => {
      const text = errorText(error, locale, t);
      const field = isApiError(error) ? error.field : undefined;
      if (field && ['username', 'displayName', 'role', 'unitCode', 'orgId'].includes(field)) {
        form.setFields([{ name: field as keyof NewUser, errors: [text] }]);
      } else {
        message.error(text);
      }
    },
  });

  const setDisabled = useMutation({
    mutationFn: ({ user, disabled }: { user: AdminUser; disabled: boolean }) =>
      post<void>(`/api/admin/users/${encodeURIComponent(user.id)}/${disabled ? 'disable' : 'enable'}`),
    onSuccess: async (_r, { disabled }) => {
      message.success(disabled ? t('users.disabled') : t('users.enabled'));
      await invalidate();
    },
    onError: (error) => message.error(errorText(error, locale, t)),
  });

  const resetPassword = useMutation({
    mutationFn: (user: AdminUser) =>
      post<{ initialPassword: string }>(`/api/admin/users/${encodeURIComponent(user.id)}/reset-password`),
    onSuccess: (result, user) => setNotice({ name: user.displayName, password: result.initialPassword }),
    onError: (error) => message.error(errorText(error, locale, t)),
  });

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  const columns: TableColumnsType<AdminUser> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <span className="jn-mono">{v}</span>,
    },
    { title: t('users.col.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.col.role'),
      dataIndex: 'role',
      key: 'role',
      render: (r: Role) => <Tag color={ROLE_COLORS[r] ?? 'default'}>{roleLabel(t, r)}</Tag>,
    },
    {
      title: t('users.col.unitOrOrg'),
      dataIndex: 'unitCode',
      key: 'unit',
      render: (_: unknown, row) =>
        row.orgName ?? (row.unitCode || row.unitName ? unitLabel(row.unitCode, row.unitName) : none),
    },
    {
      title: t('users.col.status'),
      dataIndex: 'disabled',
      key: 'status',
      width: 100,
      render: (disabled: boolean) => (
        <Badge
          status={disabled ? 'error' : 'success'}
          text={disabled ? t('users.status.disabled') : t('users.status.enabled')}
        />
      ),
    },
    {
      title: t('users.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 180,
      render: (v: string) => <span className="jn-nowrap">{formatDateTime(v, locale)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Space size={0}>
          {row.disabled ? (
            <Popconfirm
              title={t('users.enableConfirm', { name: row.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => setDisabled.mutateAsync({ user: row, disabled: false }).catch(() => undefined)}
            >
              <Button type="link" size="small" icon={<UnlockOutlined />}>
                {t('users.enable')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('users.disableConfirm', { name: row.displayName })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setDisabled.mutateAsync({ user: row, disabled: true }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger icon={<StopOutlined />} disabled={row.id === me.id}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )}
          <Popconfirm
            title={t('users.resetConfirm', { name: row.displayName })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => resetPassword.mutateAsync(row).catch(() => undefined)}
          >
            <Button type="link" size="small" icon={<KeyOutlined />}>
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const orgKind = role === 'institution' ? 'institution' : role === 'enterprise' ? 'enterprise' : null;

  return (
    <PageContainer
      title={t('users.title')}
      subTitle={t('users.subtitle')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      }
    >
      <Card variant="borderless" className="jn-card">
        <ListToolbar
          onReset={q ? () => list.update({ q: undefined }) : undefined}
          onRefresh={() => void query.refetch()}
          refreshing={query.isFetching}
        >
          <SearchBox value={q} placeholder={t('users.searchPlaceholder')} onSearch={(v) => list.update({ q: v })} />
        </ListToolbar>
        <PagedTable<AdminUser>
          rowKey="id"
          columns={columns}
          query={query}
          list={list}
          filtered={Boolean(q)}
        />
      </Card>

      <Modal
        open={creating}
        title={t('users.createTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'user-create-submit' } as ButtonProps}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        forceRender
      >
        <Form<NewUser>
          form={form}
          layout="vertical"
          requiredMark={false}
          style={{ marginTop: 16 }}
          onFinish={(values) =>
            create.mutate({
              username: values.username.trim(),
              displayName: values.displayName.trim(),
              role: values.role,
              ...(values.unitCode && UNIT_ROLES.includes(values.role) ? { unitCode: values.unitCode } : {}),
              ...(values.orgId && (values.role === 'institution' || values.role === 'enterprise')
                ? { orgId: values.orgId }
                : {}),
            })
          }
        >
          <Form.Item
            name="username"
            label={t('users.col.username')}
            normalize={(v: string | undefined) => v?.toLowerCase()}
            rules={[
              { required: true, whitespace: true, message: t('users.usernameRequired') },
              { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
            ]}
            extra={t('users.usernameRule')}
          >
            <Input autoComplete="off" maxLength={40} data-testid="user-username" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.col.displayName')}
            rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
          >
            <Input autoComplete="off" maxLength={64} data-testid="user-display-name" />
          </Form.Item>
          <Form.Item name="role" label={t('users.col.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
            <Select
              placeholder={t('users.rolePlaceholder')}
              options={CREATABLE_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
              onChange={() => form.setFieldsValue({ unitCode: undefined, orgId: undefined })}
              data-testid="user-role"
            />
          </Form.Item>
          {role && UNIT_ROLES.includes(role) ? (
            <Form.Item
              name="unitCode"
              label={t('users.col.unit')}
              rules={[{ required: true, message: t('users.unitRequired') }]}
            >
              <UnitFormSelect includeCity={CITY_LEVEL_ROLES.includes(role)} />
            </Form.Item>
          ) : null}
          {orgKind ? (
            <Form.Item name="orgId" label={t('users.col.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
              <OrgPicker kind={orgKind} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>

      <Modal
        open={notice !== null}
        title={t('users.initialPassword.title')}
        closable={false}
        mask={{ closable: false }}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setNotice(null)} data-testid="initial-password-done">
            {t('users.initialPassword.done')}
          </Button>
        }
      >
        {notice ? (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Alert type="warning" showIcon title={t('users.initialPassword.hint', { name: notice.name })} />
            <div className="jn-password-box">
              <LockOutlined />
              <Typography.Text copyable={{ text: notice.password }} className="jn-mono jn-password" data-testid="initial-password">
                {notice.password}
              </Typography.Text>
            </div>
          </Space>
        ) : null}
      </Modal>
    </PageContainer>
  );
}

/** UnitSelect adapted to Form.Item's value/onChange injection. */
function UnitFormSelect({
  value,
  onChange,
  includeCity,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  includeCity?: boolean;
}) {
  const t = useT();
  const units = useUnits();
  if (units.isError) {
    // The unit list is not readable with this account: fall back to typing the code.
    return (
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value.trim() || undefined)}
        placeholder={t('users.unitCodePlaceholder')}
        maxLength={9}
        data-testid="user-unit"
      />
    );
  }
  return (
    <UnitSelect
      extraOptions={includeCity ? [{ value: CITY_CODE, label: t('unit.cityLevel') }] : undefined}
      value={value}
      onChange={(code) => onChange?.(code)}
      placeholder={t('users.unitPlaceholder')}
      style={{ width: '100%' }}
      testId="user-unit"
    />
  );
}
