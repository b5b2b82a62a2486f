/**
 * The signed-in session of one app: the bearer token the server granted, kept in sessionStorage
 * (closing the tab signs out), separately for the workbench and the portal, so a debtor's session
 * and a staff session in the same browser never mix. The API client reads the token from here and
 * clears it on a 401; the apps watch it (useSession) and send the reader to sign in again.
 */
import { useSyncExternalStore } from 'react';
import type { Role } from './access.ts';

export type { Role };

export type AppName = 'workbench' | 'portal';

export interface SessionPrincipal {
  actor: string;
  userId: string | null;
  customerId: string | null;
  agencyId: string | null;
  roles: Role[];
  displayName: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  principal: SessionPrincipal;
}

let appName: AppName = 'workbench';
let current: Session | null = null;
/** Why the last session ended: 'expired' when the server refused it, so the sign-in page can say so. */
let endedBy: 'expired' | 'signed-out' | null = null;
const listeners = new Set<() => void>();

export const storageKey = (app: AppName) => `fairdebt.session.${app}`;

function read(app: AppName): Session | null {
  try {
    const raw = sessionStorage.getItem(storageKey(app));
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    // Expiry is the server's to judge (its clock, not the browser's): a session it no longer accepts
    // answers 401, which ends it here.
    if (typeof s?.token !== 'string' || !s.principal || !Array.isArray(s.principal.roles)) return null;
    return s;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const l of listeners) l();
}

/** Called once by each app's entry point before it renders. */
export function initSession(app: AppName): void {
  appName = app;
  current = read(app);
}

export function currentSession(): Session | null {
  return current;
}

export function sessionEndedBy(): 'expired' | 'signed-out' | null {
  return endedBy;
}

export function setSession(s: Session): void {
  current = s;
  endedBy = null;
  try {
    sessionStorage.setItem(storageKey(appName), JSON.stringify(s));
  } catch {
    // A browser that refuses storage keeps the session for this page only.
  }
  emit();
}

export function clearSession(reason: 'expired' | 'signed-out'): void {
  if (current === null) return;
  current = null;
  endedBy = reason;
  try {
    sessionStorage.removeItem(storageKey(appName));
  } catch {
    // nothing kept
  }
  emit();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession, currentSession);
}

export function hasAnyRole(s: Session | null, roles: readonly Role[]): boolean {
  return !!s && s.principal.roles.some((r) => roles.includes(r));
}
