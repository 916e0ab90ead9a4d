import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/crypto';
import { insertApiToken, LAST_USED_RESOLUTION_MS, useApiToken } from '../../src/db/api-tokens';

const lastUsed = async (id: string) =>
  (
    await env.DB.prepare('SELECT last_used_at AS at FROM api_tokens WHERE id = ?1')
      .bind(id)
      .first<{ at: number | null }>()
  )?.at;

describe('useApiToken', () => {
  it('records the last use to the minute without writing on every call', async () => {
    await insertApiToken(
      env.DB,
      { id: 'crm-1', name: 'CRM', tokenHash: await sha256Hex('secret-token-1'), role: 'staff', createdBy: null },
      0,
    );
    const t0 = 1_800_000_000_000;
    expect(await useApiToken(env.DB, await sha256Hex('secret-token-1'), t0)).toEqual({
      id: 'crm-1',
      name: 'CRM',
      role: 'staff',
    });
    expect(await lastUsed('crm-1')).toBe(t0);
    await useApiToken(env.DB, await sha256Hex('secret-token-1'), t0 + 30_000);
    expect(await lastUsed('crm-1')).toBe(t0);
    await useApiToken(env.DB, await sha256Hex('secret-token-1'), t0 + LAST_USED_RESOLUTION_MS);
    expect(await lastUsed('crm-1')).toBe(t0 + LAST_USED_RESOLUTION_MS);
  });

  it('knows no revoked or unknown token', async () => {
    await insertApiToken(
      env.DB,
      { id: 'crm-2', name: 'CRM', tokenHash: await sha256Hex('secret-token-2'), role: 'staff', createdBy: null },
      0,
    );
    await env.DB.prepare('UPDATE api_tokens SET revoked_at = 1 WHERE id = ?1').bind('crm-2').run();
    expect(await useApiToken(env.DB, await sha256Hex('secret-token-2'), Date.now())).toBeNull();
    expect(await useApiToken(env.DB, await sha256Hex('never-issued'), Date.now())).toBeNull();
  });
});
