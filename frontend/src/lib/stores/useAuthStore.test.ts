import type { SessionView } from '@aimax/backend/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuthStore } from './useAuthStore';

const session: SessionView = {
  user: { id: '0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c01', email: 'owner@example.ru', name: 'Анна', role: 'owner' },
  tenant: {
    id: '0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02',
    name: 'Ремонт Плюс',
    plan: 'free',
    planExpiresAt: null,
    status: 'active',
  },
  csrfToken: 'csrf-token-1',
};

beforeEach(() => {
  useAuthStore.getState().signedIn(session);
});

describe('useAuthStore.planChanged', () => {
  it('gives the session the plan the company has now', () => {
    useAuthStore.getState().planChanged({ plan: 'business', planExpiresAt: '2026-06-05T20:59:59.999Z' });
    const { tenant, csrfToken } = useAuthStore.getState().session ?? session;
    expect(tenant).toMatchObject({ plan: 'business', planExpiresAt: '2026-06-05T20:59:59.999Z' });
    expect(csrfToken).toBe('csrf-token-1');
  });

  it('keeps the session as it is when the plan has not changed', () => {
    useAuthStore.getState().planChanged({ plan: 'free', planExpiresAt: null });
    expect(useAuthStore.getState().session).toBe(session);
  });

  it('changes nothing while signed out', () => {
    useAuthStore.getState().signedOut();
    useAuthStore.getState().planChanged({ plan: 'business', planExpiresAt: null });
    expect(useAuthStore.getState().session).toBeNull();
  });
});
