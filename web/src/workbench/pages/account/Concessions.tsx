/**
 * The account's plans, deferrals, waivers and settlements, newest first: status (waiting for
 * approval, in effect, completed, broken, rejected, expired), maker and checker with their roles,
 * when it was decided or by when it must be, and the agreement PDFs of those that took effect.
 */
import { Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState, TAG, useLanguage } from '../../../shared/ui.tsx';
import { formatInstant, formatMoney } from '../../../shared/format.ts';
import { accountConcessions, type Concession, type ConcessionStatus } from './api.ts';
import { AgreementLinks, ScheduleOf } from './Outcome.tsx';

export const CONCESSION_COLOUR: Record<ConcessionStatus, string | undefined> = {
  pending_approval: TAG.orange, active: TAG.green, completed: TAG.blue, broken: TAG.red, rejected: TAG.red, expired: undefined,
};

/** A maker or checker as stored ('user:li.na') with the policy role they acted in. */
function person(who: string, role: string | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  const name = who.startsWith('user:') ? who.slice(5) : who;
  return role ? `${name} (${t(`casework.policyRole.${role}`, { defaultValue: role })})` : name;
}

export function Concessions({ accountRef }: { accountRef: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const q = useQuery({ queryKey: ['concessions', accountRef], queryFn: ({ signal }) => accountConcessions(accountRef, signal) });
  return (
    <QueryState query={q}>
      {(d) => (
        <Table<Concession>
          size="small"
          rowKey="id"
          dataSource={d.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('casework.concessions.empty') }}
          data-testid="concessions"
          expandable={{
            rowExpandable: () => true,
            expandedRowRender: (c) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>{t('casework.concessions.reasonLine', { reason: c.reason })}</div>
                {c.decisionNote ? <div>{t('casework.concessions.noteLine', { note: c.decisionNote })}</div> : null}
                <Typography.Text type="secondary">{t('casework.concessions.policyLine', { policy: `${c.policyCode}@${c.policyVersion}`, source: c.source })}</Typography.Text>
                {c.terms.restructure ? <ScheduleOf r={c.terms.restructure} currency={c.currency} testId={`concession-schedule-${c.id}`} /> : null}
                {c.terms.settlement ? <div>{t('casework.concessions.settlementLine', { amount: formatMoney(c.terms.settlement.amountMinor, c.currency, lang), payByOn: c.terms.settlement.payByOn })}</div> : null}
              </Space>
            ),
          }}
          columns={[
            { title: t('casework.concessions.id'), dataIndex: 'id' },
            { title: t('casework.concessions.kind'), dataIndex: 'kind', render: (k: string, c) => `${t(`concessionKind.${k}`, { defaultValue: k })}${c.terms.waiver ? ` · ${t(`components.${c.terms.waiver.component}`)}` : ''}` },
            {
              title: t('casework.concessions.status'), dataIndex: 'status',
              render: (s: ConcessionStatus) => <Tag color={CONCESSION_COLOUR[s]} data-testid="concession-status">{t(`casework.concessionStatus.${s}`, { defaultValue: s })}</Tag>,
            },
            { title: t('casework.concessions.amount'), align: 'right', render: (_, c) => <span className="num">{formatMoney(c.concessionMinor, c.currency, lang)}</span> },
            { title: t('casework.concessions.requested'), render: (_, c) => formatInstant(c.requestedAt, lang) },
            { title: t('casework.concessions.maker'), render: (_, c) => person(c.maker, c.makerRole, t) },
            {
              title: t('casework.concessions.checker'),
              render: (_, c) => (c.checker ? person(c.checker, c.checkerRole, t) : c.status === 'pending_approval' ? '—' : c.decidedAt ? t('casework.concessions.withinLimit') : '—'),
            },
            {
              title: t('casework.concessions.decided'),
              render: (_, c) =>
                c.decidedAt ? formatInstant(c.decidedAt, lang) : c.slaDueAt ? t('casework.concessions.dueBy', { at: formatInstant(c.slaDueAt, lang) }) : '—',
            },
            { title: t('casework.concessions.effectiveOn'), dataIndex: 'effectiveOn', render: (v: string | null) => v ?? '—' },
            {
              title: t('casework.concessions.agreement'),
              render: (_, c) => (c.status === 'pending_approval' || c.status === 'rejected' ? '—' : <AgreementLinks id={c.id} />),
            },
          ]}
        />
      )}
    </QueryState>
  );
}
