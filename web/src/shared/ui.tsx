/** Pieces both apps use: the providers, the language switch, and the loading and error states of a request. */
import { type ReactNode, useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider, type UseQueryResult } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, ConfigProvider, Segmented, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { initI18n, setLanguage, type Language } from './i18n/index.ts';
import { ApiError } from './api/client.ts';

const i18n = initI18n();

/**
 * Colours of tags and markers, dark enough for white text at WCAG AA contrast (antd's light preset
 * tags fall short of it).
 */
export const TAG = { green: '#15803d', gold: '#a16207', orange: '#c2410c', red: '#b91c1c', blue: '#1d4ed8', purple: '#7e22ce' } as const;

export function useLanguage(): Language {
  const { i18n: current } = useTranslation();
  return current.language === 'en' ? 'en' : 'zh-CN';
}

function queryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A 4xx will not change by asking again; anything else is tried once more.
      queries: { retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 1, refetchOnWindowFocus: false, staleTime: 30_000 },
    },
  });
}

/** antd's default secondary text and links are below AA contrast on white; these are not. */
const THEME = {
  colorPrimary: '#1d4ed8',
  colorLink: '#1d4ed8',
  colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
  colorTextDescription: 'rgba(0, 0, 0, 0.68)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  // antd's red (#ff4d4f) is 3.3:1 on white, below WCAG AA for the text of a danger button ("reject").
  colorError: '#cf1322',
  fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif',
};

function Localised({ children }: { children: ReactNode }) {
  const lang = useLanguage();
  // antd's own words (pagination, empty tables, date pickers) follow the chosen language.
  return (
    // No space forced between the two characters of a Chinese button label: screen readers read it as written.
    <ConfigProvider locale={lang === 'en' ? enUSLocale : zhCNLocale} button={{ autoInsertSpace: false }} theme={{ token: THEME }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(queryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <Localised>{children}</Localised>
      </QueryClientProvider>
    </I18nextProvider>
  );
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Segmented<Language>
      aria-label={t('app.language')}
      size="small"
      value={lang}
      onChange={(v) => void setLanguage(v)}
      options={[
        { label: <span lang="zh-CN">中文</span>, value: 'zh-CN' },
        { label: <span lang="en">English</span>, value: 'en' },
      ]}
      data-testid="language-switch"
    />
  );
}

/** The document title follows the page and the language. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = error instanceof ApiError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-state"
      title={e ? t(`errorCode.${e.code}`, { defaultValue: t('common.error') }) : t('common.error')}
      description={
        <>
          {/* The server's own words name the field and what was wrong; they are kept as sent. */}
          {e?.status === 403 && e.details['access'] === 'denied' ? <div>{t('auth.denied')}</div> : null}
          {e?.code === 'RATE_LIMITED' && typeof e.details['retryAfterSeconds'] === 'number' ? <div>{t('auth.retryAfter', { count: e.details['retryAfterSeconds'] })}</div> : null}
          <div>{e ? `${e.code}: ${message}` : message}</div>
          {e?.requestId ? <div>{t('common.requestId')}: {e.requestId}</div> : null}
        </>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" data-testid="loading" style={{ padding: 24, textAlign: 'center' }}>
      <Spin />
      <span style={{ marginInlineStart: 8 }}>{t('common.loading')}</span>
    </div>
  );
}

/** Renders a query's data, or its loading or error state (with a retry). */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
