/** My accounts: each with what is owed and overdue, opening what I owe and why. */
import { Card, Empty, List, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatMoney } from '../../shared/format.ts';

export function MyAccountsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('portal.myAccounts')} · ${t('app.portal')}`);
  const q = useQuery({ queryKey: ['my-accounts'], queryFn: ({ signal }) => api('GET /api/v1/portal/accounts', { signal }) });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('portal.myAccounts')}</Typography.Title>
      <QueryState query={q}>
        {(d) => d.items.length === 0 ? <Empty description={t('portal.noAccounts')} /> : (
          <List
            dataSource={d.items}
            data-testid="my-accounts"
            renderItem={(a) => (
              <List.Item>
                <Card style={{ width: '100%' }} title={<Link to={`/owe/${encodeURIComponent(a.id)}`} data-testid="my-account-link">{t('portal.accountLine', { ref: a.id, product: a.product })}</Link>}>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {t('portal.totalOwed')}: <strong className="num">{formatMoney(a.balances.totalMinor, a.currency, lang)}</strong>
                  </Typography.Paragraph>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {t('portal.overdueNow')}: <strong className="num">{formatMoney(a.balances.overdueMinor, a.currency, lang)}</strong> · {a.dpd > 0 ? t('portal.dpd', { count: a.dpd }) : t('portal.notOverdue')}
                  </Typography.Paragraph>
                </Card>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Space>
  );
}
