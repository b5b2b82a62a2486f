/**
 * The account's promises to pay (承诺还款), newest first: amount, due date and the last date a
 * payment counts (due date plus grace days), the status the daily cycle gave it (open until its
 * window has passed; then kept, partly kept or broken) and the payments dated in its window.
 */
import type { HTMLAttributes } from 'react';
import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState, TAG, useLanguage } from '../../../shared/ui.tsx';
import { formatMoney } from '../../../shared/format.ts';
import { accountPromises, type PromiseView } from './api.ts';

const COLOUR: Record<PromiseView['status'], string | undefined> = { open: TAG.blue, kept: TAG.green, partly_kept: TAG.gold, broken: TAG.red, cancelled: undefined };

export function Promises({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const q = useQuery({ queryKey: ['promises', accountRef], queryFn: ({ signal }) => accountPromises(accountRef, signal) });
  return (
    <QueryState query={q}>
      {(d) => (
        <>
          <Typography.Paragraph type="secondary">{t('casework.promises.intro')}</Typography.Paragraph>
          <Table<PromiseView>
            size="small"
            rowKey="id"
            dataSource={d.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('casework.promises.empty') }}
            data-testid="promises"
            onRow={(p) => ({ 'data-testid': `promise-${p.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('casework.promises.id'), dataIndex: 'id' },
              { title: t('casework.promises.amount'), align: 'right', render: (_, p) => <span className="num">{formatMoney(p.amountMinor, p.currency, lang)}</span> },
              { title: t('casework.promises.promisedOn'), dataIndex: 'promisedOn' },
              { title: t('casework.promises.dueOn'), dataIndex: 'dueOn' },
              { title: t('casework.promises.windowEndsOn'), dataIndex: 'windowEndsOn' },
              {
                title: t('casework.promises.status'), dataIndex: 'status',
                render: (s: PromiseView['status']) => <Tag color={COLOUR[s]} data-testid="promise-status" data-status={s}>{t(`casework.promiseStatus.${s}`, { defaultValue: s })}</Tag>,
              },
              {
                title: t('casework.promises.paid'), align: 'right',
                // Open: what has come in so far; evaluated: what the cycle counted.
                render: (_, p) => <span className="num">{formatMoney(p.status === 'open' ? p.payments.reduce((s, x) => s + x.amountMinor, 0) : p.paidMinor, p.currency, lang)}</span>,
              },
              { title: t('casework.promises.evaluatedOn'), dataIndex: 'evaluatedOn', render: (v: string | null) => v ?? '—' },
              {
                title: t('casework.promises.payments'),
                render: (_, p) =>
                  p.payments.length === 0 ? t('casework.promises.noPayments') : (
                    <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="promise-payments">
                      {p.payments.map((x) => (
                        <li key={x.transactionId}>
                          {t('casework.promises.paymentLine', { amount: formatMoney(x.amountMinor, p.currency, lang), valueDate: x.valueDate, ref: x.ref })}
                          {x.status === 'pending' ? ` · ${t('casework.promises.pending')}` : ''}
                        </li>
                      ))}
                    </ul>
                  ),
              },
              { title: t('casework.promises.by'), render: (_, p) => `${p.createdBy.replace(/^user:/, '')} · ${t(`casework.promiseSource.${p.source}`, { defaultValue: p.source })}` },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}
