import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Flex, Modal, Skeleton, Space, Statistic, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { FileDoneOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, get, post, withQuery } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatFen } from '../../app/format';
import { LoadError } from '../../app/results';
import type { Paged } from '../../app/types';
import type { ClassDetail, EnrolmentList } from '../classes/types';
import { useClaimPreview, useInvalidateMoney } from './api';
import { ClaimStatusTag, FundName } from './labels';
import { groupsOfPreview, TraineeLines } from './TraineeLines';
import type { ClaimSummary } from './types';

/** The class's live claim (not withdrawn or rejected), if the caller can see one. */
export function useClassClaim(cls: Pick<ClassDetail, 'id' | 'code' | 'status'>, enabled: boolean) {
  return useQuery({
    queryKey: ['claims', 'list', { classId: cls.id }],
    queryFn: ({ signal }) => get<Paged<ClaimSummary>>(withQuery('/api/claims', { q: cls.code ?? undefined, pageSize: 50 }), signal),
    enabled: enabled && cls.status === 'closed' && Boolean(cls.code),
    select: (body) => body.items.find((c) => c.classId === cls.id && c.status !== 'withdrawn' && c.status !== 'rejected') ?? null,
  });
}

/**
 * 申领补贴 on a closed class: the claimant sees what the platform prices for every trainee — lines, funds,
 * payees and each rule's trace — and submits; officials see a link to the class's claim.
 */
export function ClassClaimButton({ cls }: { cls: ClassDetail }) {
  const t = useT();
  const me = useMe();
  const isClaimant = me.orgId !== null && me.orgId === cls.orgId && me.actions.includes('claim.submit');
  const claim = useClassClaim(cls, me.actions.includes('claim.read'));
  const [open, setOpen] = useState(false);
  if (cls.status !== 'closed' || !me.actions.includes('claim.read')) return null;
  if (claim.data) {
    return (
      <Link to={`/claims/${encodeURIComponent(claim.data.id)}`} data-testid="class-claim-link">
        <Button icon={<FileSearchOutlined />}>
          {t('claim.viewClaim')} <ClaimStatusTag status={claim.data.status} name={claim.data.statusName} />
        </Button>
      </Link>
    );
  }
  if (!isClaimant || claim.isPending) return null;
  return (
    <>
      <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setOpen(true)} data-testid="class-claim">
        {t('claim.submit')}
      </Button>
      <ClaimPreviewModal cls={cls} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function ClaimPreviewModal({ cls, open, onClose }: { cls: ClassDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateMoney();
  const preview = useClaimPreview(cls.id, open);
  const roster = useQuery({
    queryKey: ['classes', 'roster', cls.id],
    queryFn: ({ signal }) => get<EnrolmentList>(`/api/classes/${encodeURIComponent(cls.id)}/enrolments`, signal),
    enabled: open,
  });
  const submit = useMutation({
    mutationFn: () => post<{ id: string; totalFen: number; lines: number }>(`/api/classes/${encodeURIComponent(cls.id)}/claim`, {}),
    onSuccess: () => void invalidate(),
  });

  const groups = useMemo(() => {
    if (!preview.data || !roster.data) return [];
    const people = new Map(roster.data.items.map((e) => [e.workerId, { name: e.name, idMasked: e.idMasked }]));
    return groupsOfPreview(preview.data, people, cls.orgName);
  }, [preview.data, roster.data, cls.orgName]);

  const total = preview.data?.totalFen ?? 0;
  const toTrainees = (preview.data?.byPayee ?? []).filter((p) => p.payee.kind === 'trainee').reduce((s, p) => s + p.amountFen, 0);
  const loading = preview.isPending || roster.isPending;
  const error = preview.error ?? roster.error;

  return (
    <Modal
      open={open}
      width={1180}
      title={t('claim.preview.title', { name: cls.name })}
      okText={t('claim.preview.submit', { total: formatFen(total) })}
      okButtonProps={{ disabled: loading || total === 0, 'data-testid': 'claim-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      onCancel={onClose}
      onOk={() =>
        submit.mutate(undefined, {
          onSuccess: (r) => {
            message.success(t('claim.preview.done', { total: formatFen(r.totalFen), lines: r.lines }));
            onClose();
            navigate(`/claims/${encodeURIComponent(r.id)}`);
          },
          onError: (e) => message.error(errorText(e, locale, t), 8),
        })
      }
      destroyOnHidden
      data-testid="claim-preview"
    >
      {error ? (
        <LoadError error={error} onRetry={() => void (preview.error ? preview.refetch() : roster.refetch())} />
      ) : loading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          <Alert type="info" showIcon title={t('claim.preview.intro')} />
          <Flex gap={40} wrap className="jn-preview-stats">
            <Statistic title={t('claim.stat.total')} value={formatFen(total)} data-testid="claim-preview-total" />
            <div>
              <Typography.Text type="secondary">{t('claim.stat.byFund')}</Typography.Text>
              <Flex vertical gap={4} className="jn-fund-list">
                {(preview.data?.byFund ?? []).map((f) => (
                  <Space key={f.fund} size={16}>
                    <FundName code={f.fund} />
                    <span className="jn-mono">{formatFen(f.amountFen)}</span>
                  </Space>
                ))}
                {toTrainees > 0 ? (
                  <Typography.Text type="secondary" className="jn-small">
                    {t('claim.stat.toTraineesValue', { amount: formatFen(toTrainees) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </div>
          </Flex>
          {total === 0 ? <Alert type="warning" showIcon title={t('claim.preview.nothing')} /> : null}
          <TraineeLines groups={groups} testId="claim-preview-lines" />
        </Flex>
      )}
    </Modal>
  );
}
