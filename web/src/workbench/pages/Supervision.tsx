/** Queues, collectors, assignment, agency placements and recalls. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shared/ui.tsx';

export function SupervisionArea() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.title')} · ${t('app.workbench')}`);
  return <Typography.Title level={2}>{t('supervision.title')}</Typography.Title>;
}
