/** The portfolio by bucket, as the start page showed it before the UI: counts and amounts per currency. */
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { QueryState, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatMoney } from '../../shared/format.ts';

type Bucket = ResponseOf<'GET /api/v1/portfolio/summary'>['buckets'][number];

export function OverviewPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('overview.title')} · ${t('app.workbench')}`);
  const summary = useQuery({ queryKey: ['portfolio-summary'], queryFn: ({ signal }) => api('GET /api/v1/portfolio/summary', { signal }) });
  return (
    <>
      <Typography.Title level={2}>{t('overview.title')}</Typography.Title>
      <QueryState query={summary}>
        {(s) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col xs={12} md={6}><Card><Statistic title={t('overview.accounts')} value={s.accounts} /></Card></Col>
              <Col xs={12} md={6}><Card><Statistic title={t('overview.openCases')} value={s.openCases} /></Card></Col>
              <Col xs={24} md={12}><Card><Statistic title={t('app.businessDate')} value={s.lastClosedDate ?? '—'} /></Card></Col>
            </Row>
            <Typography.Title level={3}>{t('overview.byBucket')}</Typography.Title>
            <Table<Bucket>
              size="small"
              rowKey={(b) => `${b.currency}:${b.bucket}`}
              dataSource={s.buckets}
              pagination={false}
              columns={[
                { title: t('overview.bucket'), dataIndex: 'bucket', render: (b: string) => <Link to={`/accounts?bucket=${encodeURIComponent(b)}`}>{b}</Link> },
                { title: t('overview.currency'), dataIndex: 'currency' },
                { title: t('overview.count'), dataIndex: 'accounts', align: 'right' },
                { title: t('overview.overdue'), align: 'right', render: (_, b) => <span className="num">{formatMoney(b.overdueMinor, b.currency, lang)}</span> },
                { title: t('overview.total'), align: 'right', render: (_, b) => <span className="num">{formatMoney(b.totalMinor, b.currency, lang)}</span> },
              ]}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
