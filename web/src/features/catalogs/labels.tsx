import { Tag } from 'antd';
import { useT, type Translate } from '../../i18n';
import { beijingToday } from '../../app/format';
import type { CatalogKind, CatalogStatus } from '../../app/types';

export const CATALOG_KINDS: readonly CatalogKind[] = ['projects', 'institutions'];

const STATUS_COLORS: Record<CatalogStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  published: 'success',
  superseded: 'default',
};

/** 草稿 / 审核中 / 已发布 (green) / 已被替代 (grey). */
export function CatalogStatusTag({ status }: { status: CatalogStatus }) {
  const t = useT();
  return (
    <Tag
      color={STATUS_COLORS[status] ?? 'default'}
      className={status === 'superseded' ? 'jn-tag-superseded' : status === 'draft' ? 'jn-tag-draft' : undefined}
      data-status={status}
    >
      {t(`catalog.status.${status}`)}
    </Tag>
  );
}

export function catalogKindLabel(t: Translate, kind: CatalogKind): string {
  return t(`catalog.kind.${kind}`);
}

/** The full name as a value on its own: 培训项目目录 / Training-project catalog. */
export function catalogKindName(t: Translate, kind: CatalogKind): string {
  return t(`catalog.kindName.${kind}`);
}

/** The long name, used inside sentences: 培训项目目录 / 培训和评价机构目录. */
export function catalogKindLong(t: Translate, kind: CatalogKind): string {
  return t(`catalog.kindLong.${kind}`);
}

const DECISIONS = ['create', 'submit', 'return', 'publish', 'supersede'] as const;

export function decisionLabel(t: Translate, action: string): string {
  const known = DECISIONS.find((d) => d === action);
  return known ? t(`catalog.decision.${known}`) : action;
}

export const DECISION_COLORS: Record<string, string> = {
  create: 'blue',
  submit: 'blue',
  return: 'orange',
  publish: 'green',
  supersede: 'gray',
};

/** The current year in Beijing. */
export function currentYear(): number {
  return Number(beijingToday().slice(0, 4));
}
