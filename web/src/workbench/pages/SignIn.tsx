/**
 * Staff sign-in: user name and password (POST /api/v1/auth/login). A wrong password, a locked or
 * inactive account all get the same answer from the server, announced to screen readers. Afterwards
 * the reader goes back to where they were, or a collector to their own queue and others to the overview.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../shared/api/client.ts';
import { ErrorState, useTitle } from '../../shared/ui.tsx';
import { sessionEndedBy, setSession, useSession } from '../../shared/session.ts';
import { landingFor, safeNext } from '../../shared/access.ts';

interface Values {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  useTitle(`${t('auth.signInTitle')} · ${t('app.workbench')}`);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [expired] = useState(() => sessionEndedBy() === 'expired');
  const next = safeNext(params.get('next'));
  const login = useMutation({
    mutationFn: (v: Values) => api('POST /api/v1/auth/login', { body: { username: v.username.trim(), password: v.password } }),
    onSuccess: (grant) => {
      client.clear();
      setSession(grant);
      void navigate(next ?? landingFor(grant.principal), { replace: true });
    },
  });
  if (session && !login.isPending && !login.isSuccess) return <Navigate to={next ?? landingFor(session.principal)} replace />;
  const refused = login.error instanceof ApiError && login.error.status === 401;
  return (
    <div style={{ maxWidth: 420, margin: '48px auto' }}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>{t('auth.signInTitle')}</Typography.Title>
        {expired ? <Alert type="info" showIcon title={t('auth.sessionEnded')} style={{ marginBottom: 16 }} /> : null}
        <Form<Values> layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false} data-testid="sign-in-form">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {/* Announced as it appears: the same words for a wrong name, a wrong password or a locked account. */}
          <div aria-live="assertive">
            {refused ? <Alert type="error" showIcon role="alert" title={t('auth.wrongPassword')} data-testid="sign-in-error" style={{ marginBottom: 16 }} /> : null}
            {login.isError && !refused ? <div style={{ marginBottom: 16 }}><ErrorState error={login.error} /></div> : null}
          </div>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>{t('auth.signIn')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>{t('auth.demoHint')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
