/**
 * The lender's workbench. Every screen needs a session (the sign-in page is the only one without);
 * the navigation shows the screens the reader's roles may use, and the server decides each request.
 */
import type { ReactNode } from 'react';
import { Layout, Result, Button, Space, Typography } from 'antd';
import { Link, NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { LanguageSwitch } from '../shared/ui.tsx';
import { api } from '../shared/api/client.ts';
import { RequireSession, UserBox } from '../shared/auth.tsx';
import { hasAnyRole, type Session } from '../shared/session.ts';
import { SCREEN_ROLES, type Screen } from '../shared/access.ts';
import { OverviewPage } from './pages/Overview.tsx';
import { AccountsPage } from './pages/Accounts.tsx';
import { AccountPage } from './pages/Account.tsx';
import { QueuePage } from './pages/Queue.tsx';
import { OutboxPage } from './pages/Outbox.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { ComplaintsPage } from './pages/Complaints.tsx';
import { ComplaintPage } from './pages/Complaint.tsx';
import { ApprovalsPage } from './pages/Approvals.tsx';
import { HandoffsPage } from './pages/Handoffs.tsx';
import { QualityPage } from './pages/Quality.tsx';
import { QualityReviewPage } from './pages/QualityReview.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { AnalyticsPage } from './pages/Analytics.tsx';
import { StrategyArea } from './pages/Strategy.tsx';
import { SupervisionArea } from './pages/Supervision.tsx';
import { AgencyArea } from './pages/Agency.tsx';

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

function Shell({ nav, children }: { nav?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, flexWrap: 'wrap', height: 'auto', lineHeight: '48px' }}>
        <Typography.Title level={1} style={{ color: '#fff', fontSize: 18, margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.workbench')}
        </Typography.Title>
        <Space wrap style={{ marginInlineStart: 'auto' }}>
          <BusinessDate />
          <LanguageSwitch />
          <UserBox />
        </Space>
        {/* The navigation has a row of its own: with every screen of an admin in English it still fits. */}
        {nav ? <div style={{ flexBasis: '100%' }}>{nav}</div> : null}
      </Header>
      <Content id="main" tabIndex={-1} style={{ padding: 16, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        {children}
      </Content>
      <Footer style={{ textAlign: 'center' }}>Fairdebt · Apache-2.0</Footer>
    </Layout>
  );
}

function Navigation({ session }: { session: Session }) {
  const { t } = useTranslation();
  const sections: Array<{ to: string; label: string; end: boolean; screen: Screen }> = [
    { to: '/', label: t('nav.overview'), end: true, screen: 'overview' },
    { to: '/accounts', label: t('nav.accounts'), end: false, screen: 'accounts' },
    { to: '/queue', label: t('nav.queue'), end: false, screen: 'queue' },
    { to: '/outbox', label: t('nav.outbox'), end: false, screen: 'outbox' },
    { to: '/complaints', label: t('nav.complaints'), end: false, screen: 'complaints' },
    { to: '/handoffs', label: t('assistant.staff.nav'), end: false, screen: 'handoffs' },
    { to: '/approvals', label: t('nav.approvals'), end: false, screen: 'approvals' },
    { to: '/quality', label: t('nav.quality'), end: false, screen: 'quality' },
    { to: '/audit', label: t('nav.audit'), end: false, screen: 'audit' },
    { to: '/analytics', label: t('nav.analytics'), end: false, screen: 'analytics' },
    { to: '/strategy', label: t('nav.strategy'), end: false, screen: 'strategy' },
    { to: '/supervision', label: t('nav.supervision'), end: false, screen: 'supervision' },
    { to: '/agency', label: t('nav.agency'), end: false, screen: 'agency' },
  ];
  return (
    <nav aria-label={t('nav.main')}>
      <ul className="nav">
        {sections.filter((s) => hasAnyRole(session, SCREEN_ROLES[s.screen])).map((s) => (
          <li key={s.to}><NavLink to={s.to} end={s.end}>{s.label}</NavLink></li>
        ))}
        <li><a href="/dev/mailbox" target="_blank" rel="noreferrer">{t('nav.mailbox')}</a></li>
        <li><a href="/portal">{t('nav.portal')}</a></li>
        <li><a href="/docs" target="_blank" rel="noreferrer">{t('nav.apiDocs')}</a></li>
      </ul>
    </nav>
  );
}

export function WorkbenchApp() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="/signin" element={<Shell><SignInPage /></Shell>} />
      <Route
        path="*"
        element={
          <RequireSession>
            {(session) => (
              <Shell nav={<Navigation session={session} />}>
                <Routes>
                  <Route path="/" element={<OverviewPage />} />
                  <Route path="/accounts" element={<AccountsPage />} />
                  <Route path="/accounts/:ref" element={<AccountPage />} />
                  <Route path="/queue" element={<QueuePage />} />
                  <Route path="/outbox" element={<OutboxPage />} />
                  <Route path="/complaints" element={<ComplaintsPage />} />
                  <Route path="/complaints/:id" element={<ComplaintPage />} />
                  <Route path="/approvals" element={<ApprovalsPage />} />
                  <Route path="/handoffs" element={<HandoffsPage />} />
                  <Route path="/quality" element={<QualityPage />} />
                  <Route path="/quality/:id" element={<QualityReviewPage />} />
                  <Route path="/audit" element={<AuditPage />} />
                  <Route path="/analytics" element={<AnalyticsPage />} />
                  <Route path="/strategy/*" element={<StrategyArea />} />
                  <Route path="/supervision/*" element={<SupervisionArea />} />
                  <Route path="/agency/*" element={<AgencyArea />} />
                  <Route path="*" element={<Result status="404" title={t('common.notFound')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />} />
                </Routes>
              </Shell>
            )}
          </RequireSession>
        }
      />
    </Routes>
  );
}
