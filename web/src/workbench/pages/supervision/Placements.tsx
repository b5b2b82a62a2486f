/**
 * Placements (委外): the list with its filters (agency, active or ended), placing chosen accounts
 * with an agency by hand (POST /api/v1/placements, one per account), the strategy's open agency
 * recommendations to accept, the placement run by the rules and the recall run of a business date, and
 * recalling one placement with a reason. Each write asks first and carries an idempotency key.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../../../shared/api/client.ts';
import {
  acceptRecommendation, agencies as listAgencies, placeAccount, placements as listPlacements, recallPlacement, recommendations, runPlacement, runRecall,
  type Agency, type PlaceRunResult, type Placement, type RecallRunResult, type Recommendation,
} from '../../../shared/api/supervision.ts';
import { useIdempotencyKey } from '../../../shared/idempotency.ts';
import { formatMoney, minorToDecimal } from '../../../shared/format.ts';
import { ErrorState, QueryState, TAG, useLanguage, useTitle } from '../../../shared/ui.tsx';
import { bucketColour } from '../Accounts.tsx';
import { useBusinessDate } from './shared.tsx';

type Account = ResponseOf<'GET /api/v1/accounts'>['items'][number];
type StatusFilter = 'active' | 'ended' | 'all';

export function PlacementsPage() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.nav.placements')} · ${t('supervision.title')}`);
  const stored = useBusinessDate();
  const [date, setDate] = useState('');
  const businessDate = date || stored || '';
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: ({ signal }) => listAgencies(signal) });
  return (
    <section aria-labelledby="placements-title">
      <Typography.Title level={3} id="placements-title">{t('supervision.nav.placements')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="placement-date">{t('supervision.businessDate')}</label>
        <Input id="placement-date" type="date" value={businessDate} onChange={(e) => setDate(e.target.value)} style={{ width: 180 }} data-testid="placement-date" />
      </Space>
      <QueryState query={agencies}>
        {(a) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Runs businessDate={businessDate} />
            <PlacementList agencies={a.items} businessDate={businessDate} />
            <PlaceAccounts agencies={a.items.filter((x) => x.status === 'active')} businessDate={businessDate} />
            <AcceptRecommendation agencies={a.items.filter((x) => x.status === 'active')} businessDate={businessDate} />
          </Space>
        )}
      </QueryState>
    </section>
  );
}

const invalidatePlacements = (client: ReturnType<typeof useQueryClient>) =>
  Promise.all(['placements', 'agencies', 'agency-scorecard', 'worklist-stats', 'queue', 'accounts-to-place'].map((k) => client.invalidateQueries({ queryKey: [k] })));

/** The placement run (rules) and the recall run (days placed, complaints, QA) of the business date. */
function Runs({ businessDate }: { businessDate: string }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const placeKey = useIdempotencyKey();
  const recallKey = useIdempotencyKey();
  const [placed, setPlaced] = useState<PlaceRunResult | null>(null);
  const [recalled, setRecalled] = useState<RecallRunResult | null>(null);
  const place = useMutation({ mutationFn: () => runPlacement(businessDate, placeKey({ run: businessDate })), onSuccess: async (r) => { setPlaced(r); await invalidatePlacements(client); } });
  const recall = useMutation({ mutationFn: () => runRecall(businessDate, recallKey({ recallRun: businessDate })), onSuccess: async (r) => { setRecalled(r); await invalidatePlacements(client); } });
  const ask = (kind: 'run' | 'recallRun', go: () => void) =>
    modal.confirm({ title: t(`supervision.placements.${kind}Confirm`, { date: businessDate }), content: t(`supervision.placements.${kind}Explain`), okText: t('supervision.confirm'), cancelText: t('common.cancel'), onOk: go });
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('supervision.placements.runs')}</Typography.Title>}>
      <Space wrap>
        <Button type="primary" disabled={!businessDate} loading={place.isPending} onClick={() => ask('run', () => place.mutate())} data-testid="run-placement">{t('supervision.placements.run')}</Button>
        <Button disabled={!businessDate} loading={recall.isPending} onClick={() => ask('recallRun', () => recall.mutate())} data-testid="run-recall-placements">{t('supervision.placements.recallRun')}</Button>
      </Space>
      {place.isError ? <ErrorState error={place.error} /> : null}
      {recall.isError ? <ErrorState error={recall.error} /> : null}
      {placed ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          role="status"
          data-testid="placement-run-result"
          title={t('supervision.placements.placedRun', { date: placed.businessDate, count: placed.placed, handedOver: placed.handedOver })}
          description={[
            Object.entries(placed.byAgency).map(([a, n]) => `${a} ${n}`).join(' · '),
            Object.entries(placed.unplaced).filter(([, n]) => n > 0).map(([k, n]) => `${t(`supervision.unplacedReason.${k}`)} ${n}`).join(' · '),
          ].filter(Boolean).join(' — ') || undefined}
        />
      ) : null}
      {recalled ? (
        <Alert
          style={{ marginTop: 12 }}
          type={recalled.agencies.some((a) => a.suspended) ? 'warning' : 'success'}
          showIcon
          role="status"
          data-testid="recall-run-result"
          title={t('supervision.placements.recalledRun', { date: recalled.businessDate, count: recalled.recalled.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {recalled.recalled.slice(0, 20).map((r) => <li key={r.placementId}>{`${r.accountRef} · ${r.agencyId} · ${t(`supervision.recallReason.${r.reason}`)}`}</li>)}
              {recalled.agencies.filter((a) => a.suspended).map((a) => <li key={a.agencyId}>{t('supervision.placements.suspended', { agency: a.agencyId })}</li>)}
            </ul>
          }
        />
      ) : null}
    </Card>
  );
}

function PlacementList({ agencies, businessDate }: { agencies: Agency[]; businessDate: string }) {
  const { t } = useTranslation();
  const [agencyId, setAgencyId] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [ref, setRef] = useState('');
  const list = useQuery({
    queryKey: ['placements', agencyId, status, ref],
    queryFn: ({ signal }) => listPlacements({ agencyId: agencyId || undefined, accountRef: ref.trim() || undefined, active: status === 'active' ? 'true' : undefined }, signal),
  });
  const [recalling, setRecalling] = useState<Placement | null>(null);
  const rows = (list.data?.items ?? []).filter((p) => (status === 'ended' ? p.endedOn !== null : true));
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('supervision.placements.list')}</Typography.Title>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="placements-agency">{t('supervision.statement.agency')}</label>
        <Select
          id="placements-agency"
          aria-label={t('supervision.statement.agency')}
          style={{ width: 220 }}
          value={agencyId}
          onChange={(v: string) => setAgencyId(v)}
          options={[{ value: '', label: t('common.all') }, ...agencies.map((a) => ({ value: a.id, label: a.name }))]}
          data-testid="placements-agency"
        />
        <label htmlFor="placements-status">{t('supervision.placements.status')}</label>
        <Select<StatusFilter>
          id="placements-status"
          aria-label={t('supervision.placements.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={(['active', 'ended', 'all'] as const).map((s) => ({ value: s, label: t(`supervision.placements.${s}`) }))}
          data-testid="placements-status"
        />
        <Input.Search aria-label={t('supervision.placements.account')} placeholder={t('supervision.placements.account')} allowClear onSearch={(v) => setRef(v)} style={{ width: 220 }} />
      </Space>
      {list.isPending || list.isError ? <QueryState query={list}>{() => null}</QueryState> : (
        <Table<Placement>
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('supervision.placements.empty') }}
          data-testid="placements-table"
          columns={[
            { title: t('supervision.placements.account'), dataIndex: 'accountRef', render: (r: string) => <Link to={`/accounts/${encodeURIComponent(r)}`}>{r}</Link> },
            { title: t('supervision.statement.agency'), dataIndex: 'agencyId' },
            { title: t('supervision.placements.placedOn'), dataIndex: 'placedOn' },
            { title: t('supervision.placements.source'), dataIndex: 'source', render: (s: string) => t(`supervision.placementSource.${s}`) },
            { title: t('supervision.placements.dpdAtPlacement'), dataIndex: 'dpdAtPlacement', align: 'right' },
            { title: t('supervision.placements.balance'), align: 'right', render: (_, p) => <span className="num">{minorToDecimal(p.balanceAtPlacementMinor)}</span> },
            { title: t('supervision.placements.recallDueOn'), dataIndex: 'recallDueOn' },
            {
              title: t('supervision.placements.status'),
              render: (_, p) => (p.endedOn ? <Tag>{t('supervision.placements.endedOn', { date: p.endedOn, reason: t(`supervision.recallReason.${p.endReason ?? 'manual'}`) })}</Tag> : <Tag color={TAG.green}>{t('supervision.placements.active')}</Tag>),
            },
            {
              title: t('supervision.actions'),
              render: (_, p) => (p.endedOn ? null : (
                <Button size="small" style={{ color: TAG.red, borderColor: TAG.red }} disabled={!businessDate} onClick={() => setRecalling(p)} aria-label={t('supervision.placements.recallOne', { ref: p.accountRef })} data-testid={`recall-${p.accountRef}`}>
                  {t('supervision.placements.recall')}
                </Button>
              )),
            },
          ]}
        />
      )}
      {recalling ? <RecallDialog placement={recalling} businessDate={businessDate} onClose={() => setRecalling(null)} /> : null}
    </Card>
  );
}

function RecallDialog({ placement, businessDate, onClose }: { placement: Placement; businessDate: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const keyFor = useIdempotencyKey();
  const recall = useMutation({
    mutationFn: (note: string) => {
      const body = { accountRef: placement.accountRef, businessDate, note };
      return recallPlacement(body, keyFor(body));
    },
    onSuccess: async (r) => {
      void message.success(t('supervision.placements.recalledOne', { ref: r.accountRef, agency: r.agencyId }));
      await invalidatePlacements(client);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('supervision.placements.recallOne', { ref: placement.accountRef })}
      okText={t('supervision.placements.recall')}
      okButtonProps={{ loading: recall.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('supervision.placements.recallExplain', { agency: placement.agencyId, date: businessDate })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => recall.mutate(v.note.trim())}>
        <Form.Item name="note" label={t('supervision.placements.reason')} rules={[{ required: true, whitespace: true, message: t('supervision.placements.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="recall-reason" />
        </Form.Item>
      </Form>
      {recall.isError ? <ErrorState error={recall.error} /> : null}
    </Modal>
  );
}

/** Chosen accounts placed with one agency by hand: one request per account, each with its own answer. */
function PlaceAccounts({ agencies, businessDate }: { agencies: Agency[]; businessDate: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [bucket, setBucket] = useState('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [agencyId, setAgencyId] = useState('');
  const [note, setNote] = useState('');
  const keyFor = useIdempotencyKey();
  const target = agencyId || agencies[0]?.id || '';
  const accounts = useQuery({
    queryKey: ['accounts-to-place', bucket, q],
    queryFn: ({ signal }) => api('GET /api/v1/accounts', { query: { bucket: bucket || undefined, q: q || undefined, limit: 100 }, signal }),
  });
  // Accounts placed already are not offered again (the server would refuse them: recall first).
  const active = useQuery({ queryKey: ['placements', 'active-refs'], queryFn: ({ signal }) => listPlacements({ active: 'true' }, signal) });
  const placed = new Set((active.data?.items ?? []).map((p) => p.accountRef));
  const [outcome, setOutcome] = useState<Array<{ ref: string; ok: boolean; text: string }>>([]);
  const place = useMutation({
    mutationFn: async (refs: string[]) => {
      const batch = keyFor({ refs, target, businessDate, note });
      const out: Array<{ ref: string; ok: boolean; text: string }> = [];
      for (const ref of refs) {
        try {
          const p = await placeAccount({ accountRef: ref, agencyId: target, businessDate, note }, `${batch}:${ref}`);
          out.push({ ref, ok: true, text: t('supervision.placements.placedOne', { ref, agency: p.agencyId, due: p.recallDueOn }) });
        } catch (e) {
          out.push({ ref, ok: false, text: `${ref}: ${e instanceof Error ? e.message : String(e)}` });
        }
      }
      return out;
    },
    onSuccess: async (out) => {
      setOutcome(out);
      setSelected([]);
      await invalidatePlacements(client);
    },
  });
  const confirm = () =>
    modal.confirm({
      title: t('supervision.placements.placeConfirm', { count: selected.length, agency: agencies.find((a) => a.id === target)?.name ?? target }),
      content: t('supervision.placements.placeExplain', { date: businessDate }),
      okText: t('supervision.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => place.mutate(selected),
    });
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('supervision.placements.place')}</Typography.Title>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="place-bucket">{t('supervision.queues.buckets')}</label>
        <Input id="place-bucket" value={bucket} onChange={(e) => setBucket(e.target.value.trim())} style={{ width: 100 }} placeholder="M3" />
        <Input.Search aria-label={t('supervision.placements.searchAccounts')} placeholder={t('supervision.placements.searchAccounts')} allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 240 }} data-testid="place-search" />
      </Space>
      <QueryState query={accounts}>
        {(a) => (
          // Scrolled by its box rather than the table's own (whose hidden measuring row would hold the checkboxes).
          <div style={{ overflowX: 'auto' }}>
          <Table<Account>
            size="small"
            rowKey="id"
            dataSource={a.items.filter((x) => x.bucket !== 'M0' && !placed.has(x.id))}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('supervision.placements.noAccounts') }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (r) => ({ 'aria-label': t('supervision.placements.choose', { ref: r.id }) }) as object }}
            data-testid="place-accounts-table"
            columns={[
              { title: t('supervision.placements.account'), dataIndex: 'id' },
              { title: t('agencyWork.bucket'), dataIndex: 'bucket', render: (b: string) => <Tag color={bucketColour(b)}>{b}</Tag> },
              { title: t('agencyWork.dpd'), dataIndex: 'dpd', align: 'right' },
              { title: t('supervision.placements.overdue'), align: 'right', render: (_, r) => <span className="num">{formatMoney(r.balances.overdueMinor, r.currency, lang)}</span> },
            ]}
          />
          </div>
        )}
      </QueryState>
      <Space wrap style={{ marginTop: 12 }}>
        <label htmlFor="place-agency">{t('supervision.placements.withAgency')}</label>
        <Select id="place-agency" aria-label={t('supervision.placements.withAgency')} style={{ width: 220 }} value={target || undefined} onChange={(v: string) => setAgencyId(v)} options={agencies.map((x) => ({ value: x.id, label: x.name }))} />
        <Input aria-label={t('supervision.placements.note')} placeholder={t('supervision.placements.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 240 }} />
        <Button type="primary" disabled={selected.length === 0 || !target || !businessDate} loading={place.isPending} onClick={confirm} data-testid="place-selected">
          {t('supervision.placements.placeSelected', { count: selected.length })}
        </Button>
      </Space>
      {place.isError ? <ErrorState error={place.error} /> : null}
      {outcome.length > 0 ? (
        <ul data-testid="place-outcome" style={{ marginTop: 12 }}>
          {outcome.map((o) => <li key={o.ref} style={{ color: o.ok ? undefined : '#b91c1c' }}>{o.text}</li>)}
        </ul>
      ) : null}
    </Card>
  );
}

/**
 * The strategy's open agency recommendations (accounts not placed now, the latest recommendation of
 * each): accepting one places the account with the agency chosen on its row, or by the rules.
 */
function AcceptRecommendation({ agencies, businessDate }: { agencies: Agency[]; businessDate: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const keyFor = useIdempotencyKey();
  const [chosen, setChosen] = useState<Record<string, string | undefined>>({});
  const open = useQuery({ queryKey: ['placement-recommendations'], queryFn: ({ signal }) => recommendations(signal) });
  const accept = useMutation({
    mutationFn: (r: Recommendation) => {
      const agencyId = chosen[r.accountRef];
      const body = { accountRef: r.accountRef, recommendedOn: r.recommendedOn, businessDate, ...(agencyId ? { agencyId } : {}) };
      return acceptRecommendation(body, keyFor(body));
    },
    onSuccess: async (p) => {
      void message.success(t('supervision.placements.placedOne', { ref: p.accountRef, agency: p.agencyId, due: p.recallDueOn }));
      await Promise.all([invalidatePlacements(client), client.invalidateQueries({ queryKey: ['placement-recommendations'] })]);
    },
  });
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{t('supervision.placements.accept')}</Typography.Title>}>
      <Typography.Paragraph type="secondary">{t('supervision.placements.acceptHelp')}</Typography.Paragraph>
      <QueryState query={open}>
        {(d) => (
          <Table<Recommendation>
            size="small"
            rowKey="accountRef"
            dataSource={d.items}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('supervision.placements.noRecommendations') }}
            data-testid="recommendations"
            columns={[
              { title: t('supervision.placements.account'), dataIndex: 'accountRef', render: (ref: string) => <Link to={`/accounts/${encodeURIComponent(ref)}`}>{ref}</Link> },
              { title: t('supervision.placements.recommendedOn'), dataIndex: 'recommendedOn' },
              { title: t('supervision.placements.strategyRow'), dataIndex: 'strategyRow', render: (row: string | null) => row ?? '—' },
              { title: t('supervision.placements.bucket'), dataIndex: 'bucket', render: (b: string) => <Tag color={bucketColour(b)}>{b}</Tag> },
              { title: t('supervision.placements.dpd'), dataIndex: 'dpd', align: 'right' },
              { title: t('supervision.placements.overdue'), dataIndex: 'overdueMinor', align: 'right', render: (v: number, r) => formatMoney(v, r.currency, lang) },
              {
                title: t('supervision.placements.withAgency'), key: 'agency',
                render: (_: unknown, r) => (
                  <Select allowClear style={{ width: 180 }} aria-label={`${t('supervision.placements.withAgency')} ${r.accountRef}`} placeholder={t('supervision.placements.byRules')}
                    value={chosen[r.accountRef]} onChange={(v: string | undefined) => setChosen((c) => ({ ...c, [r.accountRef]: v }))}
                    options={agencies.map((x) => ({ value: x.id, label: x.name }))} />
                ),
              },
              {
                title: '', key: 'accept',
                render: (_: unknown, r) => (
                  <Button size="small" disabled={!businessDate} loading={accept.isPending && accept.variables?.accountRef === r.accountRef} onClick={() => accept.mutate(r)}
                    aria-label={t('supervision.placements.acceptOne', { ref: r.accountRef })} data-testid={`accept-${r.accountRef}`}>
                    {t('supervision.placements.acceptSubmit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {accept.isError ? <div style={{ marginTop: 12 }}><ErrorState error={accept.error} /></div> : null}
    </Card>
  );
}
