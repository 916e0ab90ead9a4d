import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { apiPost, call, createToken, postForm, signIn } from '../helpers';
import { PHONE_UA, printBatch, scansEventually } from '../scans-helpers';

describe('POST /api/v1/cards/<code>/void', () => {
  it('voids one card, case-insensitively, recording who, when and why', async () => {
    const { codes } = await printBatch(2);
    const staff = await createToken('staff');
    const before = Date.now();
    const res = await apiPost(`/api/v1/cards/${codes[0]!.toLowerCase()}/void`, staff, {
      reason: '  Потеряна курьером ',
    });
    expect(res.status).toBe(200);
    const body = await res.json<{ code: string; voidedAt: number; reason: string; voidedBy: string }>();
    expect(body).toMatchObject({
      code: codes[0],
      voided: true,
      reason: 'Потеряна курьером',
      voidedBy: 'api:staff token',
      byBatch: false,
    });
    expect(body.voidedAt).toBeGreaterThanOrEqual(before);
    const row = await env.DB.prepare('SELECT voided_at, void_reason, voided_by FROM cards WHERE code = ?1')
      .bind(codes[0])
      .first();
    expect(row).toEqual({ voided_at: body.voidedAt, void_reason: 'Потеряна курьером', voided_by: 'api:staff token' });
    const other = await env.DB.prepare('SELECT voided_at FROM cards WHERE code = ?1').bind(codes[1]).first();
    expect(other).toEqual({ voided_at: null });
  });

  it('keeps the first record when voided twice', async () => {
    const { codes, token } = await printBatch(1);
    const first = await (await apiPost(`/api/v1/cards/${codes[0]}/void`, token, { reason: 'Брак печати' })).json<{
      voidedAt: number;
    }>();
    const second = await apiPost(`/api/v1/cards/${codes[0]}/void`, token, { reason: 'Другое' });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ reason: 'Брак печати', voidedAt: first.voidedAt });
  });

  it('names the problem: no reason, unknown card, no token', async () => {
    const { codes, token } = await printBatch(1);
    const noReason = await apiPost(`/api/v1/cards/${codes[0]}/void`, token, {});
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ field: 'reason' });
    expect((await apiPost(`/api/v1/cards/${codes[0]}/void`, token, { reason: ' ' })).status).toBe(400);
    const unknown = await apiPost('/api/v1/cards/ZZZZZZZZZZ/void', token, { reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ field: 'code' });
    expect((await apiPost('/api/v1/cards/nonsense/void', token, { reason: 'x' })).status).toBe(404);
    expect(
      (
        await call(`/api/v1/cards/${codes[0]}/void`, {
          method: 'POST',
          body: '{"reason":"x"}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
    const row = await env.DB.prepare('SELECT voided_at FROM cards WHERE code = ?1').bind(codes[0]).first();
    expect(row).toEqual({ voided_at: null });
  });
});

describe('POST /api/v1/batches/<id>/void', () => {
  it('voids the whole batch: its cards stop counting and their scans move apart', async () => {
    const { codes, batchId, token } = await printBatch(3);
    await call(`/r/${codes[0]}`, { headers: { 'user-agent': PHONE_UA } });
    await scansEventually(codes[0]!, 1);
    const res = await apiPost(`/api/v1/batches/${batchId}/void`, token, { reason: 'Тираж потерян' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: batchId,
      voided: true,
      reason: 'Тираж потерян',
      voidedBy: 'api:owner token',
    });
    for (const code of codes)
      expect((await call(`/r/${code}`, { headers: { 'user-agent': PHONE_UA } })).status).toBe(404);

    const counts = await (
      await call(`/api/v1/batches/${batchId}/scans`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(counts).toMatchObject({
      cards: { printed: 3, voided: 3 },
      scans: { review: { all: 0, human: 0, uniqueCards: 0 } },
    });
    const voidedScans = (counts as { scans: { review: { onVoidedCards: number } } }).scans.review.onVoidedCards;
    expect(voidedScans).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 for an unknown batch and 400 without a reason', async () => {
    const { batchId, token } = await printBatch(1);
    expect((await apiPost('/api/v1/batches/nope/void', token, { reason: 'x' })).status).toBe(404);
    const noReason = await apiPost(`/api/v1/batches/${batchId}/void`, token, { why: 'x' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ field: 'reason' });
  });
});

describe('voiding on the batch page', () => {
  it('shows scan figures and each card with its status', async () => {
    const { codes, batchId } = await printBatch(3);
    await call(`/r/${codes[0]}`, { headers: { 'user-agent': PHONE_UA } });
    await call(`/r/${codes[1]}`, { headers: { 'user-agent': 'TelegramBot (like TwitterBot)' } });
    await scansEventually(codes[1]!, 1);
    const session = await signIn('staff');
    const res = await call(`/admin/print/batches/${batchId}`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Сканирования');
    expect(html).toContain('Действующих открыток: 3 из 3');
    expect(html).toMatch(/<p class="kpi">1<\/p>/);
    for (const code of codes) expect(html).toContain(`value="${code}"`);
  });

  it('voids ticked and typed cards with a reason, then shows them as voided', async () => {
    const { codes, batchId } = await printBatch(4);
    const session = await signIn('staff');
    const body = new URLSearchParams({ _csrf: session.csrf, reason: 'Брак печати', codes: codes[2]!.toLowerCase() });
    body.append('code', codes[0]!);
    body.append('code', codes[1]!);
    const res = await call(`/admin/print/batches/${batchId}/void-cards`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://si.test',
        cookie: session.cookie,
      },
      body,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/print/batches/${batchId}?voided=3`);
    const page = await (await call(res.headers.get('location')!, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('Аннулировано открыток: 3.');
    expect(page).toContain('Действующих открыток: 1 из 4');
    expect(page).toContain(session.email);
    const rows = await env.DB.prepare(
      'SELECT code, void_reason, voided_by FROM cards WHERE batch_id = ?1 AND voided_at IS NOT NULL ORDER BY position',
    )
      .bind(batchId)
      .all();
    expect(rows.results).toEqual(
      codes.slice(0, 3).map((code) => ({ code, void_reason: 'Брак печати', voided_by: session.email })),
    );
  });

  it('keeps the input and explains when a code is not in the batch or the reason is missing', async () => {
    const { codes, batchId } = await printBatch(2);
    const other = await printBatch(1);
    const session = await signIn('staff');
    const res = await postForm(`/admin/print/batches/${batchId}/void-cards`, session, {
      codes: `${codes[0]} ${other.codes[0]} oops`,
      reason: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Укажите причину');
    expect(html).toContain(`Этих кодов нет в тираже: oops, ${other.codes[0]}.`);
    expect(html).toContain(`${codes[0]} ${other.codes[0]} oops</textarea>`);
    const voided = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM cards WHERE voided_at IS NOT NULL AND code IN (?1, ?2)',
    )
      .bind(codes[0], other.codes[0])
      .first<{ n: number }>();
    expect(voided!.n).toBe(0);

    const empty = await postForm(`/admin/print/batches/${batchId}/void-cards`, session, {
      codes: '',
      reason: 'Потеряна',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Отметьте открытки или впишите их коды.');
  });

  it('voids the whole batch and hides the forms', async () => {
    const { batchId } = await printBatch(2);
    const session = await signIn('staff');
    const missing = await postForm(`/admin/print/batches/${batchId}/void`, session, { reason: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Укажите причину');

    const res = await postForm(`/admin/print/batches/${batchId}/void`, session, { reason: 'Тираж потерян' });
    expect(res.status).toBe(303);
    const page = await (await call(res.headers.get('location')!, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('Тираж аннулирован.');
    expect(page).toContain('«Тираж потерян»');
    expect(page).toContain('Действующих открыток: 0 из 2');
    expect(page).not.toContain('id="void-cards"');
  });

  it('refuses a form without the CSRF token', async () => {
    const { batchId } = await printBatch(1);
    const session = await signIn('staff');
    const res = await postForm(
      `/admin/print/batches/${batchId}/void`,
      { cookie: session.cookie, csrf: 'forged' },
      { reason: 'x' },
    );
    expect(res.status).toBe(403);
    const row = await env.DB.prepare('SELECT voided_at FROM batches WHERE id = ?1').bind(batchId).first();
    expect(row).toEqual({ voided_at: null });
  });
});
