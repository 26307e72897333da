import { useCallback, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { get } from './api';
import { CITY_CODE, type Unit } from './types';
import { useLocale, useT } from '../i18n';

export function useUnits() {
  return useQuery({
    queryKey: ['reference', 'units'],
    queryFn: ({ signal }) => get<{ items: Unit[] }>('/api/reference/units', signal),
    select: (body) => body.items,
    staleTime: 60 * 60 * 1000,
  });
}

/** Unit name in the current language: `nameEn` in English where the server has it, else the Chinese name. */
export function useUnitLabel(): (
  code: string | null | undefined,
  fallback?: string | null,
  fallbackEn?: string | null,
) => string {
  const { locale } = useLocale();
  const t = useT();
  const { data: units } = useUnits();
  return useCallback(
    (code, fallback, fallbackEn) => {
      const unit = code ? units?.find((u) => u.code === code) : undefined;
      if (!unit && code === CITY_CODE) return t('unit.city');
      if (locale === 'en') return unit?.nameEn ?? fallbackEn ?? unit?.name ?? fallback ?? code ?? '';
      return unit?.name ?? fallback ?? code ?? '';
    },
    [units, locale, t],
  );
}

type UnitSelectProps = {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
  /** Options listed before the units (e.g. the city level for finance accounts). */
  extraOptions?: { value: string; label: string }[];
};

/** Select of the 14 reporting units, labelled in the current language. */
export function UnitSelect({
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
  testId,
  extraOptions = [],
}: UnitSelectProps) {
  const t = useT();
  const { locale } = useLocale();
  const { data: units, isLoading } = useUnits();
  return (
    <Select
      data-testid={testId}
      value={value}
      onChange={(code: string | undefined) => onChange(code ?? undefined)}
      allowClear={allowClear}
      loading={isLoading}
      placeholder={placeholder ?? t('common.allUnits')}
      style={{ minWidth: 200, ...style }}
      showSearch={{ optionFilterProp: 'label' }}
      options={[
        ...extraOptions,
        ...(units ?? []).map((u) => ({
          value: u.code,
          label: locale === 'en' ? (u.nameEn ?? u.name) : u.name,
        })),
      ]}
    />
  );
}

/** UnitSelect adapted to Form.Item's value/onChange injection (for forms rather than list filters). */
export function UnitField({
  value,
  onChange,
  placeholder,
  testId,
  disabled,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { data: units, isLoading } = useUnits();
  return (
    <Select
      data-testid={testId}
      value={value}
      onChange={(code: string | undefined) => onChange?.(code ?? undefined)}
      loading={isLoading}
      disabled={disabled}
      placeholder={placeholder ?? t('common.selectUnit')}
      showSearch={{ optionFilterProp: 'label' }}
      options={(units ?? []).map((u) => ({ value: u.code, label: locale === 'en' ? (u.nameEn ?? u.name) : u.name }))}
    />
  );
}

/** The signed-in official's own reporting unit, to preselect in forms (null for city-level users). */
export function ownReportingUnit(unitCode: string | null | undefined): string | undefined {
  return unitCode && unitCode !== CITY_CODE ? unitCode : undefined;
}
