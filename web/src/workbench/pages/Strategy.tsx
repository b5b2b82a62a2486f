/** Decision tables and experiments. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shared/ui.tsx';

export function StrategyArea() {
  const { t } = useTranslation();
  useTitle(`${t('strategy.title')} · ${t('app.workbench')}`);
  return <Typography.Title level={2}>{t('strategy.title')}</Typography.Title>;
}
