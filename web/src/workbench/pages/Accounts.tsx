/** Accounts: search by part of an account or customer number, filter by bucket, page by cursor. */
import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { ErrorState, Loading, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatMoney } from '../../shared/format.ts';

type Account = ResponseOf<'GET /api/v1/accounts'>['items'][number];
const PAGE_SIZE = 50;

export function bucketColour(bucket: string): string {
  if (bucket === 'M0') return TAG.green;
  if (bucket === 'M1') return TAG.gold;
  if (bucket === 'M2' || bucket === 'M3') return TAG.orange;
  return TAG.red;
}

export function AccountsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('accounts.title')} · ${t('app.workbench')}`);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const bucket = params.get('bucket') ?? '';
  const [text, setText] = useState(q);
  const summary = useQuery({ queryKey: ['portfolio-summary'], queryFn: ({ signal }) => api('GET /api/v1/portfolio/summary', { signal }) });
  const buckets = [...new Set((summary.data?.buckets ?? []).map((b) => b.bucket))];
  const list = useInfiniteQuery({
    queryKey: ['accounts', q, bucket],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => api('GET /api/v1/accounts', { query: { q: q || undefined, bucket: bucket || undefined, limit: PAGE_SIZE, after: pageParam }, signal }),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Typography.Title level={2}>{t('accounts.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('accounts.searchLabel')}
          placeholder={t('accounts.searchPlaceholder')}
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => set('q', v.trim())}
          enterButton={t('common.search')}
          style={{ width: 360, maxWidth: '100%' }}
          data-testid="account-search"
        />
        <Select
          aria-label={t('accounts.bucketFilter')}
          value={bucket}
          onChange={(v: string) => set('bucket', v)}
          style={{ width: 140 }}
          options={[{ value: '', label: t('common.all') }, ...buckets.map((b) => ({ value: b, label: b }))]}
        />
      </Space>
      {list.isPending ? <Loading /> : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table<Account>
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            data-testid="accounts-table"
            columns={[
              { title: t('accounts.ref'), dataIndex: 'id', render: (id: string) => <Link to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link> },
              { title: t('accounts.customer'), dataIndex: 'customerId' },
              { title: t('accounts.product'), dataIndex: 'product' },
              { title: t('accounts.bucket'), dataIndex: 'bucket', render: (b: string) => <Tag color={bucketColour(b)}>{b}</Tag> },
              { title: t('accounts.dpd'), dataIndex: 'dpd', align: 'right' },
              { title: t('accounts.overdue'), align: 'right', render: (_, a) => <span className="num">{formatMoney(a.balances.overdueMinor, a.currency, lang)}</span> },
              { title: t('accounts.total'), align: 'right', render: (_, a) => <span className="num">{formatMoney(a.balances.totalMinor, a.currency, lang)}</span> },
            ]}
          />
          {list.hasNextPage ? (
            <Button style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}
