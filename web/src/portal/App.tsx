/**
 * The debtor portal, phone-sized first. Checking that a call or message is genuine (by its verify
 * code) and reading one's rights are open to anyone; everything about one's own debts needs signing in
 * by phone and a one-time code: my accounts, what I owe and why, proposing a plan and my requests,
 * paying (sandbox), contact preferences, my contact history, complaints, disputes (of an amount or of
 * a credit report), my evidence, and the repayment assistant that answers questions about my own
 * accounts.
 */
import { Button, Card, Layout, Result, Space, Typography } from 'antd';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch, useTitle } from '../shared/ui.tsx';
import { RequireSession, UserBox } from '../shared/auth.tsx';
import { useSession } from '../shared/session.ts';
import { VerifyPage } from './pages/Verify.tsx';
import { OwePage } from './pages/Owe.tsx';
import { PortalSignInPage } from './pages/SignIn.tsx';
import { MyAccountsPage } from './pages/Accounts.tsx';
import { HistoryPage } from './pages/History.tsx';
import { ComplainPage } from './pages/Complain.tsx';
import { DisputePage } from './pages/Dispute.tsx';
import { PlanPage } from './pages/Plan.tsx';
import { RequestsPage } from './pages/Requests.tsx';
import { PayPage } from './pages/Pay.tsx';
import { PreferencesPage } from './pages/Preferences.tsx';
import { RightsPage } from './pages/Rights.tsx';
import { CreditReportPage } from './pages/CreditReport.tsx';
import { AssistantPage } from './pages/Assistant.tsx';

const { Header, Content } = Layout;

function Home() {
  const { t } = useTranslation();
  useTitle(t('app.portal'));
  const session = useSession();
  const card = (title: string, intro: string, to: string, primary = false) => (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{title}</Typography.Title>}>
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Link to={to}><Button type={primary ? 'primary' : 'default'} block size="large">{title}</Button></Link>
    </Card>
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph>{t('portal.intro')}</Typography.Paragraph>
      {card(t('portal.verifyTitle'), t('portal.verifyIntro'), '/verify', true)}
      {session ? (
        <>
          {card(t('portal.myAccounts'), t('portal.oweIntro'), '/accounts')}
          {card(t('assistant.title'), t('assistant.homeIntro'), '/assistant')}
          {card(t('selfService.nav.plan'), t('selfService.home.plan'), '/plan')}
          {card(t('selfService.nav.requests'), t('selfService.home.requests'), '/requests')}
          {card(t('selfService.nav.pay'), t('selfService.home.pay'), '/pay')}
          {card(t('selfService.nav.preferences'), t('selfService.home.preferences'), '/preferences')}
          {card(t('portal.historyTitle'), t('portal.historyIntro'), '/history')}
          {card(t('portal.complainTitle'), t('portal.complainIntro'), '/complain')}
          {card(t('portal.disputeTitle'), t('portal.disputeIntro'), '/dispute')}
          {card(t('selfService.nav.creditReport'), t('selfService.home.creditReport'), '/credit-report')}
          {card(t('selfService.nav.rights'), t('selfService.home.rights'), '/rights')}
        </>
      ) : (
        <>
          {card(t('portalAuth.title'), t('portalAuth.intro'), '/signin')}
          {card(t('selfService.nav.rights'), t('selfService.home.rights'), '/rights')}
        </>
      )}
    </Space>
  );
}

function Private({ children }: { children: React.ReactNode }) {
  return <RequireSession>{() => children}</RequireSession>;
}

export function PortalApp() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, paddingInline: 12, flexWrap: 'wrap', height: 'auto', lineHeight: '48px' }}>
        <Link to="/" style={{ color: '#fff' }}>
          <Typography.Title level={1} style={{ color: '#fff', fontSize: 17, margin: 0 }}>{t('app.portal')}</Typography.Title>
        </Link>
        <Space wrap size={8}>
          <LanguageSwitch />
          {session ? <UserBox showRoles={false} /> : null}
        </Space>
      </Header>
      {session ? (
        <nav aria-label={t('nav.main')} style={{ background: '#f3f4f6', padding: '4px 12px' }}>
          <ul className="portal-nav">
            <li><Link to="/accounts">{t('portal.myAccounts')}</Link></li>
            <li><Link to="/assistant">{t('assistant.title')}</Link></li>
            <li><Link to="/plan">{t('selfService.nav.plan')}</Link></li>
            <li><Link to="/requests">{t('selfService.nav.requests')}</Link></li>
            <li><Link to="/pay">{t('selfService.nav.pay')}</Link></li>
            <li><Link to="/preferences">{t('selfService.nav.preferences')}</Link></li>
            <li><Link to="/history">{t('portal.historyTitle')}</Link></li>
            <li><Link to="/complain">{t('portal.complainTitle')}</Link></li>
            <li><Link to="/dispute">{t('portal.disputeTitle')}</Link></li>
            <li><Link to="/credit-report">{t('selfService.nav.creditReport')}</Link></li>
            <li><Link to="/rights">{t('selfService.nav.rights')}</Link></li>
          </ul>
        </nav>
      ) : null}
      <Content id="main" tabIndex={-1} style={{ padding: 12, maxWidth: 640, width: '100%', margin: '0 auto' }}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/signin" element={<PortalSignInPage />} />
          <Route path="/verify" element={<VerifyPage />} />
          <Route path="/verify/:code" element={<VerifyPage />} />
          <Route path="/accounts" element={<Private><MyAccountsPage /></Private>} />
          <Route path="/owe" element={<Private><MyAccountsPage /></Private>} />
          <Route path="/owe/:ref" element={<Private><OwePage /></Private>} />
          <Route path="/history" element={<Private><HistoryPage /></Private>} />
          <Route path="/complain" element={<Private><ComplainPage /></Private>} />
          <Route path="/dispute" element={<Private><DisputePage /></Private>} />
          <Route path="/plan" element={<Private><PlanPage /></Private>} />
          <Route path="/plan/:ref" element={<Private><PlanPage /></Private>} />
          <Route path="/requests" element={<Private><RequestsPage /></Private>} />
          <Route path="/pay" element={<Private><PayPage /></Private>} />
          <Route path="/pay/:ref" element={<Private><PayPage /></Private>} />
          <Route path="/preferences" element={<Private><PreferencesPage /></Private>} />
          <Route path="/credit-report" element={<Private><CreditReportPage /></Private>} />
          <Route path="/rights" element={<RightsPage />} />
          <Route path="/assistant" element={<Private><AssistantPage /></Private>} />
          <Route path="*" element={<Result status="404" title={t('common.notFound')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />} />
        </Routes>
      </Content>
    </Layout>
  );
}
