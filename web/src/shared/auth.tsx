/** Signing in and out, shared by the workbench and the portal. */
import type { ReactNode } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from './api/client.ts';
import { clearSession, currentSession, sessionEndedBy, useSession, type Session } from './session.ts';

/**
 * Renders its children for a signed-in reader; anyone else (or a session the server ended) goes to
 * the sign-in page, which brings them back here afterwards.
 */
export function RequireSession({ children }: { children: (s: Session) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const here = `${location.pathname}${location.search}`;
    const next = sessionEndedBy() === 'signed-out' || here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/signin${next}`} replace />;
  }
  return <>{children(session)}</>;
}

/** Who is signed in (name and roles) and the sign-out button, for the header. */
export function UserBox({ tone = 'dark', showRoles = true }: { tone?: 'dark' | 'light'; showRoles?: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  if (!session) return null;
  const signOut = async () => {
    try {
      await api('POST /api/v1/auth/logout');
    } catch {
      // Ended here either way: the token is dropped from this browser.
    }
    if (currentSession()) clearSession('signed-out');
    client.clear();
  };
  const colour = tone === 'dark' ? '#fff' : undefined;
  return (
    <Space size={8} wrap data-testid="user-box">
      <Typography.Text style={{ color: colour }} data-testid="user-name">{session.principal.displayName}</Typography.Text>
      {showRoles && session.principal.roles.map((r) => (
        <Tag key={r} data-testid="user-role" style={{ marginInlineEnd: 0 }}>{t(`role.${r}`, { defaultValue: r })}</Tag>
      ))}
      <Button size="small" onClick={() => void signOut()} data-testid="sign-out">{t('auth.signOut')}</Button>
    </Space>
  );
}
