/** An agency's own work: its placed accounts, masked. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shared/ui.tsx';

export function AgencyArea() {
  const { t } = useTranslation();
  useTitle(`${t('nav.agency')} · ${t('app.workbench')}`);
  return <Typography.Title level={2}>{t('nav.agency')}</Typography.Title>;
}
