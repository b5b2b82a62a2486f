/**
 * The debtor's sign-in: their phone number, a one-time code by SMS, the code. The answer to "send
 * code" is the same for any number (nobody learns whose number it is); a new code can be asked for
 * once the countdown ends, and the server's own limit (429, Retry-After) is shown as a wait.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../shared/api/client.ts';
import { ErrorState, useTitle } from '../../shared/ui.tsx';
import { sessionEndedBy, setSession, useSession } from '../../shared/session.ts';
import { safeNext } from '../../shared/access.ts';

/** Seconds before another code may be asked for from this page. */
export const RESEND_AFTER_SECONDS = 60;

function useCountdown(): [number, (s: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [until, now]);
  return [Math.max(0, Math.ceil((until - now) / 1000)), (s: number) => {
    const at = Date.now();
    setNow(at);
    setUntil(at + s * 1000);
  }];
}

export function PortalSignInPage() {
  const { t } = useTranslation();
  useTitle(`${t('portalAuth.title')} · ${t('app.portal')}`);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [expired] = useState(() => sessionEndedBy() === 'expired');
  const next = safeNext(params.get('next')) ?? '/accounts';
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [wait, startWait] = useCountdown();
  const send = useMutation({
    mutationFn: (p: string) => api('POST /api/v1/portal/login/code', { body: { phone: p } }),
    onSuccess: (_, p) => {
      setSentTo(p);
      startWait(RESEND_AFTER_SECONDS);
    },
    onError: (e) => {
      if (e instanceof ApiError && typeof e.details['retryAfterSeconds'] === 'number') startWait(e.details['retryAfterSeconds']);
    },
  });
  const login = useMutation({
    mutationFn: () => api('POST /api/v1/portal/login', { body: { phone: sentTo ?? phone.trim(), code: code.trim() } }),
    onSuccess: (grant) => {
      client.clear();
      setSession(grant);
      void navigate(next, { replace: true });
    },
  });
  if (session && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;
  const wrongCode = login.error instanceof ApiError && login.error.status === 401;
  const validPhone = /^\+?[0-9 ()-]{6,24}$/.test(phone.trim());
  return (
    <Card>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>{t('portalAuth.title')}</Typography.Title>
      {expired ? <Alert type="info" showIcon title={t('auth.sessionEnded')} style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical" onFinish={() => validPhone && wait === 0 && send.mutate(phone.trim())} data-testid="phone-form">
        <Form.Item label={t('portalAuth.phone')} htmlFor="phone" extra={t('portalAuth.phoneHelp')}>
          <Input id="phone" size="large" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={24} />
        </Form.Item>
        <Button htmlType="submit" size="large" block disabled={!validPhone || wait > 0} loading={send.isPending} data-testid="send-code">
          {wait > 0 ? t('portalAuth.resendIn', { count: wait }) : sentTo ? t('portalAuth.resend') : t('portalAuth.sendCode')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {/* The same words whether or not the number is known. */}
        {sentTo && !send.isError ? <Alert type="success" showIcon title={t('portalAuth.sent')} data-testid="code-sent" /> : null}
        {send.isError ? <ErrorState error={send.error} /> : null}
      </div>
      {sentTo ? (
        <Form layout="vertical" onFinish={() => /^\d{6}$/.test(code.trim()) && login.mutate()} style={{ marginTop: 16 }} data-testid="code-form">
          <Form.Item label={t('portalAuth.code')} htmlFor="otp" extra={t('portalAuth.codeHelp')}>
            <Input id="otp" size="large" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} maxLength={6} />
          </Form.Item>
          <div aria-live="assertive">
            {wrongCode ? <Alert type="error" showIcon role="alert" title={t('portalAuth.wrongCode')} style={{ marginBottom: 12 }} data-testid="code-error" /> : null}
            {login.isError && !wrongCode ? <div style={{ marginBottom: 12 }}><ErrorState error={login.error} /></div> : null}
          </div>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} disabled={!/^\d{6}$/.test(code.trim())}>{t('portalAuth.signIn')}</Button>
        </Form>
      ) : null}
      <Space style={{ marginTop: 16 }}><Typography.Text type="secondary">{t('portalAuth.privacy')}</Typography.Text></Space>
    </Card>
  );
}
