import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewScan, ScanMessage } from '../../src/db/scans';
import type { Bindings } from '../../src/env';
import worker from '../../src/index';
import { erasePersonalData } from '../../src/services/retention';
import { count, createComplaint, page } from '../accounts-helpers';
import { windows1251 } from '../windows-1251';
import { call, createLocation, createToken, ORIGIN, postForm, signIn } from '../helpers';

const DAY = 24 * 60 * 60 * 1000;

async function setRetentionDays(days: number) {
  await env.DB.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('retentionDays', ?1, ?2)")
    .bind(String(days), Date.now())
    .run();
}

async function personalData(id: string) {
  const complaint = await env.DB.prepare(
    'SELECT contact, contact_masked, comment, visitor FROM complaints WHERE id = ?1',
  )
    .bind(id)
    .first();
  const notes = await count('complaint_events', 'complaint_id = ?1 AND note IS NOT NULL', id);
  const notifications = await count(
    'notifications',
    'complaint_id = ?1 AND (payload IS NOT NULL OR last_error IS NOT NULL)',
    id,
  );
  return { ...complaint, notes, notifications };
}

const NOTHING = { contact: null, contact_masked: null, comment: null, visitor: null, notes: 0, notifications: 0 };
const erasures = (id: string) => count('complaint_events', "complaint_id = ?1 AND kind = 'personal_data_erased'", id);

describe('retention erases what is stored, not what was flagged', () => {
  it('erases a note, comment, contact and notification added after an erasure, once', async () => {
    const now = Date.now();
    await setRetentionDays(30);
    const { complaintId } = await createComplaint(now - 31 * DAY);
    const owner = await signIn('owner');
    expect((await postForm(`/admin/privacy/complaints/${complaintId}/erase`, owner, { confirm: 'yes' })).status).toBe(
      303,
    );
    expect(await personalData(complaintId)).toEqual(NOTHING);

    // After the erasure: staff write a note naming the customer, and data reaches the row again.
    expect(
      (await postForm(`/admin/complaints/${complaintId}/note`, owner, { note: 'Иван перезвонил, +7 916 000-00-00' }))
        .status,
    ).toBe(303);
    await env.DB.prepare("UPDATE complaints SET contact = 'ivan@example.com', comment = 'Снова Иван' WHERE id = ?1")
      .bind(complaintId)
      .run();
    await env.DB.prepare("UPDATE notifications SET last_error = 'rejected ivan@example.com' WHERE complaint_id = ?1")
      .bind(complaintId)
      .run();

    // The privacy page does not pretend the complaint is clean.
    const privacy = await page(`/admin/privacy/complaints/${complaintId}`, owner.cookie);
    expect(privacy.html).toContain('После этого добавлены новые персональные данные');
    const inbox = await page(`/admin/complaints/${complaintId}`, owner.cookie);
    expect(inbox.html).toContain('ivan@example.com');

    expect(await erasePersonalData(env, now)).toBe(1);
    expect(await personalData(complaintId)).toEqual(NOTHING);
    expect(await erasures(complaintId)).toBe(2);
    expect((await page(`/admin/privacy/complaints/${complaintId}`, owner.cookie)).html).not.toContain(
      'После этого добавлены',
    );

    // Nothing left: a second sweep erases nothing and records no erasure.
    expect(await erasePersonalData(env, now + 5 * 60 * 1000)).toBe(0);
    expect(await erasures(complaintId)).toBe(2);
  });

  it('erases a note left on an old complaint the sweep has already cleaned', async () => {
    const now = Date.now();
    await setRetentionDays(30);
    const { complaintId } = await createComplaint(now - 40 * DAY);
    expect(await erasePersonalData(env, now)).toBeGreaterThanOrEqual(1);
    expect(await erasures(complaintId)).toBe(1);

    const manager = await signIn('manager');
    expect(
      (await postForm(`/admin/complaints/${complaintId}/note`, manager, { note: 'Клиент Иван просил не звонить' }))
        .status,
    ).toBe(303);
    expect((await personalData(complaintId)).notes).toBe(1);

    expect(await erasePersonalData(env, now + 5 * 60 * 1000)).toBe(1);
    expect(await personalData(complaintId)).toEqual(NOTHING);
    expect(await erasures(complaintId)).toBe(2);
    expect(await erasePersonalData(env, now + 10 * 60 * 1000)).toBe(0);
    expect(await erasures(complaintId)).toBe(2);
  });

  it('leaves a complaint inside the retention period alone, even after a manual erasure', async () => {
    const now = Date.now();
    await setRetentionDays(30);
    const { complaintId } = await createComplaint(now - 5 * DAY);
    const owner = await signIn('owner');
    await postForm(`/admin/privacy/complaints/${complaintId}/erase`, owner, { confirm: 'yes' });
    await postForm(`/admin/complaints/${complaintId}/note`, owner, { note: 'Обещал скидку' });
    await erasePersonalData(env, now);
    expect((await personalData(complaintId)).notes).toBe(1);
    expect(await erasures(complaintId)).toBe(1);
  });
});

/** A D1 that refuses every statement, as during an outage. */
const downD1 = new Proxy(env.DB, {
  get: () => () => {
    throw new Error('D1_ERROR: D1 is unavailable');
  },
}) as D1Database;

function scan(code: string): NewScan {
  return {
    eventId: crypto.randomUUID().replace(/-/g, '').slice(0, 24),
    cardCode: code,
    locationId: 1,
    batchId: 'b_queue',
    kind: 'review',
    createdAt: Date.now(),
    device: 'mobile',
    country: null,
    isBot: false,
    visitor: null,
  };
}

/** One delivery of a message, as the queue hands it to the Worker, with its acks and retries recorded. */
async function deliver(queue: string, body: ScanMessage, attempts: number, bindings: Bindings) {
  const message = { id: `m${attempts}`, timestamp: new Date(), body, attempts, ack: vi.fn(), retry: vi.fn() };
  const batch = {
    queue,
    messages: [message],
    ackAll: vi.fn(() => message.ack()),
    retryAll: vi.fn((o?: QueueRetryOptions) => message.retry(o)),
  };
  const ctx = createExecutionContext();
  await worker.queue!(batch as unknown as MessageBatch<unknown>, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return message;
}

const lostScans = async () =>
  (await env.DB.prepare('SELECT COALESCE(SUM(failures), 0) AS n FROM scan_log_failures').first<{ n: number }>())!.n;
const stored = (code: string) => count('scans', 'card_code = ?1', code);

describe('queued scans during a D1 outage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are retried after 10 s, 1 min, 5 min and 30 min, then handed to the dead-letter queue, never counted lost on the way', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const body = { scans: [scan('QUEUEOUT1')] };
    const down = { ...(env as Bindings), DB: downD1 };
    const delays: unknown[] = [];
    for (let attempts = 1; attempts <= 5; attempts++) {
      const message = await deliver('support-index-scans', body, attempts, down);
      expect(message.ack).not.toHaveBeenCalled();
      expect(message.retry).toHaveBeenCalledTimes(1);
      delays.push(message.retry.mock.calls[0]![0]?.delaySeconds);
    }
    // The fifth retry is past max_retries: the queue moves the message to the dead-letter queue.
    expect(delays).toEqual([10, 60, 300, 1800, 1800]);
    expect(await lostScans()).toBe(0);

    // D1 is back by the time the dead-letter queue delivers it: the scan lands, nothing is lost.
    const last = await deliver('support-index-scans-dead', body, 1, env as Bindings);
    expect(last.ack).toHaveBeenCalled();
    expect(await stored('QUEUEOUT1')).toBe(1);
    expect(await lostScans()).toBe(0);
  });

  it('are counted lost only when the dead-letter queue cannot store them either', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = await lostScans();
    const body = { scans: [scan('QUEUEOUT2'), scan('QUEUEOUT2')] };
    const message = await deliver('support-index-scans-dead', body, 1, { ...(env as Bindings), DB: downD1 });
    expect(message.ack).toHaveBeenCalled();
    expect(message.retry).not.toHaveBeenCalled();
    // Counting needs D1 too; here it is down, so the loss is at least logged.
    expect(errors).toHaveBeenCalledWith('scan log failed', 'QUEUEOUT2', 'review', expect.any(Error));

    // With D1 up but the scans table gone, the loss is counted.
    await env.DB.exec('ALTER TABLE scans RENAME TO scans_away');
    try {
      await deliver('support-index-scans-dead', body, 1, env as Bindings);
    } finally {
      await env.DB.exec('ALTER TABLE scans_away RENAME TO scans');
    }
    expect(await lostScans()).toBe(before + 2);
    expect(await stored('QUEUEOUT2')).toBe(0);
  });
});

describe('CSV posted to the API', () => {
  // As Excel in a Russian locale saves it.
  const cp1251 = windows1251('дата;оценка;площадка\n01.03.2026;5;Яндекс\n');
  const postCsv = (path: string, token: string, body: Uint8Array) =>
    call(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
  const reviewsOf = (locationId: number) => count('reviews', 'location_id = ?1', locationId);

  it('reads Windows-1251 like the page import does', async () => {
    const token = await createToken('manager');
    const location = await createLocation();
    const res = await postCsv(`/api/v1/reviews?location=${location.slug}`, token, cp1251);
    expect(res.status).toBe(201);
    expect(
      await env.DB.prepare('SELECT platform, day FROM reviews WHERE location_id = ?1').bind(location.id).first(),
    ).toEqual({ platform: 'yandex_maps', day: '2026-03-01' });
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1251 text with a 400, storing nothing', async () => {
    const token = await createToken('manager');
    const location = await createLocation();
    // Valid rows, then a byte neither encoding has: 0xff 0x98 is not UTF-8, and 0x98 is unassigned in 1251.
    const broken = new Uint8Array([
      ...new TextEncoder().encode('date,rating,platform\n2026-03-01,5,yandex\n2026-03-02,5,'),
      0xff,
      0x98,
      0x0a,
    ]);
    for (const path of [`/api/v1/reviews?location=${location.slug}`, `/api/v1/orders?location=${location.slug}`]) {
      const res = await postCsv(path, token, broken);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'the CSV is neither UTF-8 nor Windows-1251 text: save it as CSV (UTF-8) and send it again',
        field: 'body',
      });
    }
    expect(await reviewsOf(location.id)).toBe(0);
  });

  it('refuses the same bytes on the page, keeping the form', async () => {
    const owner = await signIn('owner');
    const location = await createLocation();
    const form = new FormData();
    form.set('_csrf', owner.csrf);
    form.set('location', location.slug);
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('date,rating,platform,author\n2026-03-01,5,yandex,'),
      0x98,
      0x0a,
    ]);
    form.set('file', new File([bytes], 'r.csv', { type: 'text/csv' }));
    const res = await call('/admin/reviews/import', {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: owner.cookie },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Не удалось прочитать файл');
    expect(await reviewsOf(location.id)).toBe(0);
  });
});
