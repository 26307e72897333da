import type { CSSProperties } from 'react';
import { Select, Tag } from 'antd';
import { useT, type Translate } from '../../i18n';
import { useRefName, useReferenceCodes } from '../../app/reference';
import { EDUCATION_LEVELS, type Education } from '../../app/types';
import type { PeriodState } from './api';

function isEducation(value: string): value is Education {
  return (EDUCATION_LEVELS as readonly string[]).includes(value);
}

/** Education level in the current language; an unknown code is shown as it is. */
export function educationLabel(t: Translate, code: string | null | undefined): string | null {
  if (!code) return null;
  return isEducation(code) ? t(`education.${code}`) : code;
}

export function educationOptions(t: Translate) {
  return EDUCATION_LEVELS.map((code) => ({ value: code, label: t(`education.${code}`) }));
}

/** Where a category record came from: entered by hand, or a bulk import batch. */
export function categorySourceLabel(t: Translate, source: string): string {
  if (source === 'manual') return t('archive.cat.source.manual');
  if (source.startsWith('import')) return t('archive.cat.source.import');
  return source;
}

const PERIOD_COLORS: Record<PeriodState, string> = { active: 'success', ended: 'default', future: 'processing' };

export function PeriodTag({ state }: { state: PeriodState }) {
  const t = useT();
  return <Tag color={PERIOD_COLORS[state]}>{t(`archive.cat.state.${state}`)}</Tag>;
}

/** Select of the person categories (人员类别) from the reference codes, labelled in the current language. */
export function CategorySelect({
  value,
  onChange,
  placeholder,
  allowClear,
  style,
  testId,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
}) {
  const t = useT();
  const refName = useRefName();
  const codes = useReferenceCodes();
  return (
    <Select
      value={value}
      onChange={(code: string | undefined) => onChange?.(code ?? undefined)}
      allowClear={allowClear}
      loading={codes.isLoading}
      placeholder={placeholder ?? t('workers.form.categoryPlaceholder')}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      style={style}
      data-testid={testId}
      options={(codes.data?.personCategories ?? []).map((c) => ({ value: c.code, label: refName(c) }))}
    />
  );
}
