/**
 * What a plan, deferral, waiver or settlement request answered at once: in effect (within the
 * maker's limit) with its schedule and agreement, or waiting for a checker, naming the lowest role
 * that may approve it and the time the approval is due by (the policy's SLA).
 */
import { Alert, App, Button, Descriptions, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { download } from '../../../shared/api/client.ts';
import { formatBpPercent, formatInstant, formatMoney } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/ui.tsx';
import { agreementUrl, type ConcessionResult, type NewItem, type Restructure } from './api.ts';

export function ConcessionOutcome({ r, currency }: { r: ConcessionResult; currency: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const kind = t(`concessionKind.${r.kind}`, { defaultValue: r.kind });
  const restructure = r.terms.kind === 'plan' || r.terms.kind === 'deferral' ? r.terms.restructure : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="concession-outcome" data-status={r.status}>
      {r.status === 'active' ? (
        <Alert
          type="success"
          showIcon
          title={<span data-testid="outcome-title">{t('casework.outcome.approved', { kind, id: r.concessionId })}</span>}
          description={t('casework.outcome.approvedDetail', { effectiveOn: r.effectiveOn ?? '—', amount: formatMoney(r.concessionMinor, currency, lang) })}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={<span data-testid="outcome-title">{t('casework.outcome.pending', { kind, id: r.concessionId })}</span>}
          description={
            <>
              <div data-testid="outcome-approver">
                {r.approval?.needsRole
                  ? t('casework.outcome.whoApproves', { role: t(`casework.policyRole.${r.approval.needsRole}`, { defaultValue: r.approval.needsRole }) })
                  : t('casework.outcome.nobodyApproves')}
              </div>
              <div data-testid="outcome-sla">{t('casework.outcome.slaDue', { at: formatInstant(r.approval?.slaDueAt, lang) })}</div>
              {r.approval ? <Typography.Text type="secondary">{t('casework.outcome.why', { reason: r.approval.reason })}</Typography.Text> : null}
            </>
          }
        />
      )}
      <Typography.Paragraph data-testid="outcome-explanation" style={{ marginBottom: 0 }}>{r.explanation[lang]}</Typography.Paragraph>
      {restructure ? <ScheduleOf r={restructure} currency={currency} testId="outcome-schedule" /> : null}
      {r.status === 'active' ? <AgreementLinks id={r.concessionId} /> : null}
    </Space>
  );
}

/** The numbers of a plan or deferral and its new instalments. */
export function ScheduleOf({ r, currency, testId }: { r: Restructure; currency: string; testId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const money = (m: number) => formatMoney(m, currency, lang);
  const waived = r.waived.fees + r.waived.penalty + r.waived.interest + r.waived.principal;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'b', label: t('casework.plan.balance'), children: <span className="num">{money(r.balanceMinor)}</span> },
          { key: 'w', label: t('casework.plan.waived'), children: <span className="num">{money(waived)}</span> },
          { key: 'c', label: t('casework.plan.cost'), children: <span className="num">{money(r.costMinor)}</span> },
          { key: 't', label: t('casework.plan.totalPayable'), children: <span className="num" data-testid="plan-total">{money(r.totalPayableMinor)}</span> },
          { key: 'r', label: t('casework.plan.annualRate'), children: formatBpPercent(r.annualRateBp) },
          { key: 'd', label: t('casework.plan.discretionary'), children: <span className="num">{money(r.discretionaryMinor)}</span> },
        ]}
      />
      <Table<NewItem>
        size="small"
        rowKey="n"
        pagination={false}
        dataSource={r.items}
        scroll={{ x: true }}
        columns={[
          { title: t('casework.plan.n'), dataIndex: 'n' },
          { title: t('casework.plan.dueOn'), dataIndex: 'dueOn' },
          { title: t('casework.plan.principal'), align: 'right', render: (_, i) => <span className="num">{money(i.principalMinor)}</span> },
          { title: t('casework.plan.carried'), align: 'right', render: (_, i) => <span className="num">{money(i.carried.interest + i.carried.penalty + i.carried.fees)}</span> },
          { title: t('casework.plan.interest'), align: 'right', render: (_, i) => <span className="num">{money(i.interestMinor)}</span> },
          { title: t('casework.plan.amount'), align: 'right', render: (_, i) => <strong className="num">{money(i.amountMinor)}</strong> },
        ]}
      />
    </Space>
  );
}

/** The agreement PDF in each language; a plain link cannot carry the session, so it is fetched and saved. */
export function AgreementLinks({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const get = (lang: 'zh-CN' | 'en') =>
    download(agreementUrl(id, lang), `agreement-${id}-${lang}.pdf`).catch((err: unknown) => void message.error(`${t('casework.agreement.failed')}: ${err instanceof Error ? err.message : String(err)}`));
  return (
    <Space wrap size={4}>
      <Button size="small" onClick={() => void get('zh-CN')} title={t('casework.agreement.zhLabel', { id })}>{t('casework.agreement.zh')}</Button>
      <Button size="small" onClick={() => void get('en')} title={t('casework.agreement.enLabel', { id })}>{t('casework.agreement.en')}</Button>
    </Space>
  );
}
