import type { ReactNode } from 'react';
import { Button, Flex, Input } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../i18n';

type SearchBoxProps = {
  value: string | undefined;
  placeholder: string;
  onSearch: (q: string | undefined) => void;
  testId?: string;
  width?: number;
  maxLength?: number;
};

/** Search box bound to a URL parameter: searches on Enter or the button; clearing it searches all. */
export function SearchBox({
  value,
  placeholder,
  onSearch,
  testId = 'list-search',
  width = 340,
  maxLength = 40,
}: SearchBoxProps) {
  const t = useT();
  return (
    <Input.Search
      key={value ?? ''}
      defaultValue={value}
      placeholder={placeholder}
      allowClear
      maxLength={maxLength}
      enterButton={
        <>
          <SearchOutlined /> {t('common.search')}
        </>
      }
      onSearch={(q) => onSearch(q.trim() || undefined)}
      style={{ width, maxWidth: '100%' }}
      data-testid={testId}
    />
  );
}

/** Filter row above a table: filters on the left, reset/refresh and extra actions on the right. */
export function ListToolbar({
  children,
  onReset,
  onRefresh,
  refreshing,
  extra,
}: {
  children: ReactNode;
  onReset?: () => void;
  onRefresh?: () => void;
  refreshing?: boolean;
  extra?: ReactNode;
}) {
  const t = useT();
  return (
    <Flex className="jn-toolbar" justify="space-between" align="center" wrap gap={12}>
      <Flex wrap gap={12} align="center">
        {children}
        {onReset ? <Button onClick={onReset}>{t('common.reset')}</Button> : null}
      </Flex>
      <Flex wrap gap={8} align="center">
        {extra}
        {onRefresh ? (
          <Button icon={<ReloadOutlined spin={refreshing} />} onClick={onRefresh}>
            {t('common.refresh')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
