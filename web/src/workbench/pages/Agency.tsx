/**
 * An agency's own work (agency_agent, agency_admin): the accounts placed with its agency, masked as
 * the API gives them (region only, the identity number masked), and an account's page with its
 * contacts, the compliance gate's answer on calling now, and the call outcome form. These screens
 * call only the agency routes (/api/v1/agency/...) and the public health check of the header.
 */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useTitle } from '../../shared/ui.tsx';
import { AgencyAccountsPage } from './agency/Accounts.tsx';
import { AgencyAccountPage } from './agency/Account.tsx';

export function AgencyArea() {
  const { t } = useTranslation();
  useTitle(`${t('agencyWork.title')} · ${t('app.workbench')}`);
  return (
    <>
      <Typography.Title level={2}>{t('agencyWork.title')}</Typography.Title>
      <Routes>
        <Route index element={<AgencyAccountsPage />} />
        <Route path="accounts/:ref" element={<AgencyAccountPage />} />
      </Routes>
    </>
  );
}
