/**
 * Quality inspection: the review queue (calls and messages the scanner flagged, the daily sample,
 * complaints that asked for one), open or scored, each opening its review and the scorecard.
 */
import { Segmented, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { QueryState, TAG, useLanguage, useTitle } from '../../shared/ui.tsx';
import { formatInstant } from '../../shared/format.ts';

type Review = ResponseOf<'GET /api/v1/quality/reviews'>['items'][number];

export function QualityPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('quality.title')} · ${t('app.workbench')}`);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'scored' ? 'scored' : 'open';
  const q = useQuery({ queryKey: ['quality-reviews', status], queryFn: ({ signal }) => api('GET /api/v1/quality/reviews', { query: { status, limit: 200 }, signal }) });
  return (
    <>
      <Typography.Title level={2}>{t('quality.title')}</Typography.Title>
      <Segmented<'open' | 'scored'>
        aria-label={t('quality.show')}
        value={status}
        onChange={(v) => setParams({ status: v })}
        options={[{ value: 'open', label: t('quality.open') }, { value: 'scored', label: t('quality.scored') }]}
        style={{ marginBottom: 12 }}
      />
      <QueryState query={q}>
        {(d) => (
          <Table<Review>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('quality.empty') }}
            data-testid="quality-reviews"
            columns={[
              { title: t('quality.review'), dataIndex: 'id', render: (id: number) => <Link to={`/quality/${id}`}>{t('quality.reviewNo', { id })}</Link> },
              { title: t('quality.source'), dataIndex: 'source', render: (s: string) => t(`qualitySource.${s}`, { defaultValue: s }) },
              { title: t('quality.date'), dataIndex: 'businessDate' },
              { title: t('quality.customer'), dataIndex: 'customerId' },
              { title: t('quality.who'), render: (_, r) => r.collectorId ?? r.agencyId ?? '—' },
              { title: t('quality.items'), dataIndex: 'items', align: 'right' },
              { title: t('quality.highFindings'), dataIndex: 'highFindings', align: 'right', render: (n: number) => (n > 0 ? <Tag color={TAG.red}>{n}</Tag> : n) },
              { title: t('quality.opened'), render: (_, r) => formatInstant(r.openedAt, lang) },
              { title: t('quality.score'), render: (_, r) => (r.score === null ? '—' : <Tag color={r.passed ? TAG.green : TAG.red}>{r.score} · {t(r.passed ? 'quality.passed' : 'quality.failed')}</Tag>) },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
