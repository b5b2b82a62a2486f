/**
 * 还款助手: the debtor asks about their own accounts in their own words (zh-CN or en) and gets
 * answers composed by the server from the ledger, the repayment policy and the rule packs
 * (POST /api/v1/portal/assistant/messages). Quick questions as chips, the actions under each reply
 * (open a page, ask a suggested question), and a hand-off to a person with the transcript. Phone-
 * sized first: one column, the input at the bottom of the conversation.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../../shared/api/client.ts';
import { ErrorState, useLanguage, useTitle } from '../../shared/ui.tsx';

type Answer = ResponseOf<'POST /api/v1/portal/assistant/messages'>;
type Line = { id: string; who: 'you'; text: string } | { id: string; who: 'bot'; answer: Answer };

const CHIPS = ['balance', 'why', 'due', 'options', 'verify', 'rights'] as const;
/** Read out by screen readers, not shown: who said each line. */
const HIDDEN: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

export function AssistantPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  useTitle(`${t('assistant.title')} · ${t('app.portal')}`);
  const [lines, setLines] = useState<Line[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [handedOff, setHandedOff] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const end = useRef<HTMLDivElement>(null);

  const ask = useMutation({
    mutationFn: (question: string) => api('POST /api/v1/portal/assistant/messages', {
      // A new key a question: asking the same thing twice is two messages; a retry of one send is not made.
      headers: { 'idempotency-key': `web:${crypto.randomUUID()}` },
      body: { text: question, language: lang, ...(sessionId ? { sessionId } : {}) },
    }),
    onMutate: (question) => setLines((l) => [...l, { id: `q${l.length}`, who: 'you', text: question }]),
    onSuccess: (a) => {
      setSessionId(a.sessionId);
      if (a.handoffId !== null) setHandedOff(a.handoffId);
      setLines((l) => [...l, { id: `a${a.messageId}`, who: 'bot', answer: a }]);
    },
  });
  const handoff = useMutation({
    mutationFn: () => api('POST /api/v1/portal/assistant/handoffs', {
      headers: { 'idempotency-key': `web:handoff:${sessionId}` },
      body: { sessionId: sessionId!, ...(note.trim() ? { note: note.trim() } : {}) },
    }),
    onSuccess: (h) => setHandedOff(h.id),
  });

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [lines.length]);

  const send = (question: string) => {
    const q = question.trim();
    if (!q || ask.isPending) return;
    setText('');
    ask.mutate(q);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>{t('assistant.title')}</Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('assistant.intro')}</Typography.Paragraph>
      <Typography.Text type="secondary">{t('assistant.privacy')}</Typography.Text>

      <Card size="small" styles={{ body: { padding: 12 } }}>
        <div role="log" aria-live="polite" aria-label={t('assistant.log')} data-testid="assistant-log" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
          {lines.length === 0 ? <Typography.Text type="secondary">{t('assistant.empty')}</Typography.Text> : null}
          {lines.map((l) => (l.who === 'you'
            ? (
              <div key={l.id} style={{ alignSelf: 'flex-end', maxWidth: '85%', background: '#e6f0ff', borderRadius: 12, padding: '8px 12px' }} data-testid="assistant-question">
                <span style={HIDDEN}>{t('assistant.you')}: </span>
                <Typography.Text>{l.text}</Typography.Text>
              </div>
            )
            : <Reply key={l.id} a={l.answer} onAsk={send} onHandoff={sessionId && handedOff === null ? () => handoff.mutate() : undefined} />))}
          {ask.isPending ? <Typography.Text type="secondary">{t('assistant.thinking')}</Typography.Text> : null}
          {ask.isError ? <ErrorState error={ask.error} /> : null}
          <div ref={end} />
        </div>
      </Card>

      <section aria-label={t('assistant.chips')}>
        <Space wrap size={[8, 8]}>
          {CHIPS.map((c) => (
            <Button key={c} shape="round" onClick={() => send(t(`assistant.chip.${c}`))} disabled={ask.isPending} data-testid={`assistant-chip-${c}`}>
              {t(`assistant.chip.${c}`)}
            </Button>
          ))}
        </Space>
      </section>

      <form onSubmit={(e) => { e.preventDefault(); send(text); }} style={{ display: 'flex', gap: 8 }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={500}
          placeholder={t('assistant.input')}
          aria-label={t('assistant.input')}
          size="large"
          data-testid="assistant-input"
        />
        <Button type="primary" htmlType="submit" size="large" loading={ask.isPending} disabled={!text.trim()} data-testid="assistant-send">{t('assistant.send')}</Button>
      </form>

      <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('assistant.handoff')}</Typography.Title>}>
        {handedOff !== null ? (
          <Alert type="success" showIcon role="status" title={t('assistant.handoffDone', { id: handedOff })} data-testid="assistant-handed-off" />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{sessionId ? t('assistant.handoffHelp') : t('assistant.handoffNeedsMessage')}</Typography.Text>
            <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('assistant.handoffNote')} placeholder={t('assistant.handoffNote')} disabled={!sessionId} />
            <Button block onClick={() => handoff.mutate()} disabled={!sessionId} loading={handoff.isPending} data-testid="assistant-handoff">{t('assistant.handoff')}</Button>
            {handoff.isError ? <ErrorState error={handoff.error} /> : null}
          </Space>
        )}
      </Card>
    </Space>
  );
}

function Reply({ a, onAsk, onHandoff }: { a: Answer; onAsk: (q: string) => void; onHandoff: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div style={{ alignSelf: 'flex-start', maxWidth: '92%', background: '#f3f4f6', borderRadius: 12, padding: '8px 12px' }} data-testid="assistant-reply" data-intent={a.intent}>
      <span style={HIDDEN}>{t('assistant.bot')}: </span>
      <Typography.Paragraph style={{ marginBottom: a.actions.length ? 8 : 0, whiteSpace: 'pre-wrap' }}>{a.reply}</Typography.Paragraph>
      {a.actions.length ? (
        <Space wrap size={[6, 6]}>
          {a.actions.map((x, i) => {
            if (x.kind === 'open' && x.target) return <Link key={i} to={x.target}><Button size="small">{x.label}</Button></Link>;
            if (x.kind === 'ask' && x.target) return <Button key={i} size="small" shape="round" onClick={() => onAsk(x.target!)}>{x.label}</Button>;
            if (x.kind === 'handoff' && onHandoff) return <Button key={i} size="small" onClick={onHandoff}>{x.label}</Button>;
            return null;
          })}
        </Space>
      ) : null}
    </div>
  );
}
