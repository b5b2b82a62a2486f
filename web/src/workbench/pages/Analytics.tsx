/** Collections analytics (C15). */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shared/ui.tsx';

export function AnalyticsPage() {
  const { t } = useTranslation();
  useTitle(`${t('analytics.title')} · ${t('app.workbench')}`);
  return <Typography.Title level={2}>{t('analytics.title')}</Typography.Title>;
}
