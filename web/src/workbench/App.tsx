/**
 * The lender's workbench. There is no sign-in yet (a later issue brings users and roles), so the
 * screens are open and say so; the queue asks which collector one works as.
 */
import { Alert, Layout, Result, Button, Space, Typography } from 'antd';
import { Link, NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { LanguageSwitch } from '../shared/ui.tsx';
import { api } from '../shared/api/client.ts';
import { OverviewPage } from './pages/Overview.tsx';
import { AccountsPage } from './pages/Accounts.tsx';
import { AccountPage } from './pages/Account.tsx';
import { QueuePage } from './pages/Queue.tsx';
import { OutboxPage } from './pages/Outbox.tsx';

const { Header, Content, Footer } = Layout;

function BusinessDate() {
  const { t } = useTranslation();
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => api('GET /api/v1/health', { signal }) });
  // A small header line: while loading it is empty, and a failure shows as a dash with the reason on hover.
  if (health.isPending) return null;
  return (
    <Typography.Text style={{ color: '#e5e7eb' }} data-testid="business-date" title={health.isError ? `${t('common.error')}: ${health.error.message}` : undefined}>
      {t('app.businessDate')}: {health.data?.lastClosedDate ?? '—'}
    </Typography.Text>
  );
}

export function WorkbenchApp() {
  const { t } = useTranslation();
  const sections = [
    { to: '/', label: t('nav.overview'), end: true },
    { to: '/accounts', label: t('nav.accounts'), end: false },
    { to: '/queue', label: t('nav.queue'), end: false },
    { to: '/outbox', label: t('nav.outbox'), end: false },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, flexWrap: 'wrap', height: 'auto', lineHeight: '48px' }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 18, margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.workbench')}
        </Typography.Title>
        <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 200 }}>
          <ul className="nav">
            {sections.map((s) => (
              <li key={s.to}><NavLink to={s.to} end={s.end}>{s.label}</NavLink></li>
            ))}
            <li><a href="/dev/mailbox" target="_blank" rel="noreferrer">{t('nav.mailbox')}</a></li>
            <li><a href="/portal">{t('nav.portal')}</a></li>
            <li><a href="/docs" target="_blank" rel="noreferrer">{t('nav.apiDocs')}</a></li>
          </ul>
        </nav>
        <Space>
          <BusinessDate />
          <LanguageSwitch />
        </Space>
      </Header>
      <Content id="main" tabIndex={-1} style={{ padding: 16, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        <Alert type="info" showIcon title={t('app.noLogin')} style={{ marginBottom: 16 }} data-testid="no-login-note" />
        <Routes>
          <Route path="/" element={<OverviewPage />} />
          <Route path="/accounts" element={<AccountsPage />} />
          <Route path="/accounts/:ref" element={<AccountPage />} />
          <Route path="/queue" element={<QueuePage />} />
          <Route path="/outbox" element={<OutboxPage />} />
          <Route path="*" element={<Result status="404" title={t('common.notFound')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />} />
        </Routes>
      </Content>
      <Footer style={{ textAlign: 'center' }}>Fairdebt · Apache-2.0</Footer>
    </Layout>
  );
}
