/**
 * The debtor portal, phone-sized first: check that a call or message is genuine by its verify code,
 * and see what is owed and why. Sign-in by phone and one-time code comes with a later issue; until
 * then the balance is looked up by account number and the page says so.
 */
import { Button, Card, Layout, Result, Space, Typography } from 'antd';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch, useTitle } from '../shared/ui.tsx';
import { VerifyPage } from './pages/Verify.tsx';
import { OwePage } from './pages/Owe.tsx';

const { Header, Content } = Layout;

function Home() {
  const { t } = useTranslation();
  useTitle(t('app.portal'));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph>{t('portal.intro')}</Typography.Paragraph>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('portal.verifyTitle')}</Typography.Title>}>
        <Typography.Paragraph>{t('portal.verifyIntro')}</Typography.Paragraph>
        <Link to="/verify"><Button type="primary" block size="large">{t('portal.verifyTitle')}</Button></Link>
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('portal.oweTitle')}</Typography.Title>}>
        <Typography.Paragraph>{t('portal.oweIntro')}</Typography.Paragraph>
        <Link to="/owe"><Button block size="large">{t('portal.oweTitle')}</Button></Link>
      </Card>
    </Space>
  );
}

export function PortalApp() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, paddingInline: 12 }}>
        <Link to="/" style={{ color: '#fff' }}>
          <Typography.Title level={1} style={{ color: '#fff', fontSize: 17, margin: 0 }}>{t('app.portal')}</Typography.Title>
        </Link>
        <LanguageSwitch />
      </Header>
      <Content id="main" tabIndex={-1} style={{ padding: 12, maxWidth: 640, width: '100%', margin: '0 auto' }}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/verify" element={<VerifyPage />} />
          <Route path="/verify/:code" element={<VerifyPage />} />
          <Route path="/owe" element={<OwePage />} />
          <Route path="/owe/:ref" element={<OwePage />} />
          <Route path="*" element={<Result status="404" title={t('common.notFound')} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />} />
        </Routes>
      </Content>
    </Layout>
  );
}
