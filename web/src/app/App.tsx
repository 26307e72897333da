import { Suspense } from 'react';
import { RouterProvider } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useLocale } from '../i18n';
import { isApiError } from './api';
import { AuthProvider } from './auth';
import { FullPageSpin } from './guards';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (401/403/404/validation) will not change on retry; network and 5xx get two more tries.
      retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Helvetica, Arial, sans-serif";

function Themed() {
  const { locale } = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1d5fd6',
          colorInfo: '#1d5fd6',
          borderRadius: 8,
          fontFamily: FONT_FAMILY,
          colorBgLayout: '#f2f4f8',
        },
        components: {
          Layout: { siderBg: '#0b1f3a', headerBg: '#ffffff', headerHeight: 60, headerPadding: '0 20px' },
          Menu: {
            darkItemBg: '#0b1f3a',
            darkSubMenuItemBg: '#0b1f3a',
            darkItemSelectedBg: '#1d5fd6',
            darkGroupTitleColor: 'rgba(255,255,255,0.38)',
            itemHeight: 44,
            itemMarginInline: 8,
            itemBorderRadius: 8,
          },
          Card: { headerFontSize: 15 },
          Table: { headerBg: '#f7f8fb', headerColor: 'rgba(0,0,0,0.75)' },
        },
      }}
    >
      <AntApp>
        <AuthProvider>
          <Suspense fallback={<FullPageSpin />}>
            <RouterProvider router={router} />
          </Suspense>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
