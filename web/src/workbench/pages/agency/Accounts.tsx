/** The accounts placed with the reader's agency (GET /api/v1/agency/accounts), masked, with a bucket filter. */
import { useState } from 'react';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agencyAccounts, type PlacedAccount } from '../../../shared/api/supervision.ts';
import { formatMoney } from '../../../shared/format.ts';
import { QueryState, useLanguage } from '../../../shared/ui.tsx';
import { useSession } from '../../../shared/session.ts';
import { bucketColour } from '../Accounts.tsx';

export function AgencyAccountsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const session = useSession();
  const accounts = useQuery({ queryKey: ['agency-accounts'], queryFn: ({ signal }) => agencyAccounts(signal) });
  const [bucket, setBucket] = useState('');
  const buckets = [...new Set((accounts.data?.items ?? []).map((a) => a.bucket))].sort();
  return (
    <section aria-labelledby="agency-accounts-title">
      <Typography.Title level={3} id="agency-accounts-title">{t('agencyWork.accounts')}</Typography.Title>
      {session?.principal.agencyId ? <Typography.Paragraph type="secondary">{t('agencyWork.forAgency', { agency: session.principal.agencyId })}</Typography.Paragraph> : null}
      <QueryState query={accounts}>
        {(a) => (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <label htmlFor="agency-bucket">{t('agencyWork.bucket')}</label>
              <Select
                id="agency-bucket"
                aria-label={t('agencyWork.bucket')}
                style={{ width: 140 }}
                value={bucket}
                onChange={(v: string) => setBucket(v)}
                options={[{ value: '', label: t('common.all') }, ...buckets.map((b) => ({ value: b, label: b }))]}
              />
            </Space>
            <Table<PlacedAccount>
              size="small"
              rowKey="accountRef"
              dataSource={a.items.filter((x) => !bucket || x.bucket === bucket)}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: true }}
              locale={{ emptyText: t('agencyWork.empty') }}
              data-testid="agency-accounts"
              columns={[
                { title: t('agencyWork.account'), dataIndex: 'accountRef', render: (r: string) => <Link to={`/agency/accounts/${encodeURIComponent(r)}`}>{r}</Link> },
                { title: t('agencyWork.customer'), dataIndex: 'customerName' },
                { title: t('agencyWork.region'), dataIndex: 'region', render: (r: string | null) => r ?? '—' },
                { title: t('agencyWork.bucket'), dataIndex: 'bucket', render: (b: string) => <Tag color={bucketColour(b)}>{b}</Tag> },
                { title: t('agencyWork.dpd'), dataIndex: 'dpd', align: 'right' },
                { title: t('agencyWork.overdue'), align: 'right', render: (_, r) => <span className="num">{formatMoney(r.overdueMinor, r.currency, lang)}</span> },
                { title: t('agencyWork.outstanding'), align: 'right', render: (_, r) => <span className="num">{formatMoney(r.outstandingMinor, r.currency, lang)}</span> },
                { title: t('agencyWork.placedOn'), dataIndex: 'placedOn' },
                { title: t('agencyWork.recallDueOn'), dataIndex: 'recallDueOn' },
              ]}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
