import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { erasePersonalData } from '../../src/services/retention';
import { count, createComplaint, page } from '../accounts-helpers';
import { call, postForm, signIn } from '../helpers';

const DAY = 24 * 60 * 60 * 1000;

async function complaintRow(id: string) {
  return env.DB.prepare(
    'SELECT contact, contact_masked, comment, visitor, reason_label, personal_data_erased_at FROM complaints WHERE id = ?1',
  )
    .bind(id)
    .first<Record<string, unknown>>();
}

describe('privacy of one complaint', () => {
  it('exports everything stored about it as a JSON download', async () => {
    const manager = await signIn('manager');
    const { complaintId } = await createComplaint();
    const res = await call(`/admin/privacy/complaints/${complaintId}/export`, { headers: { cookie: manager.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="complaint-${complaintId}.json"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.json<{
      complaint: Record<string, unknown>;
      events: { note: string }[];
      notifications: { payload: string }[];
    }>();
    expect(body.complaint).toMatchObject({
      id: complaintId,
      contact: '+7 916 123-45-67',
      comment: 'Ждал два часа, Иван',
      visitor: 'visitorhash',
    });
    expect(body.events.map((e) => e.note)).toContain('Позвонил Ивану');
    expect(body.notifications[0]!.payload).toContain('+7 916');
  });

  it('erases its personal data on request, keeps the complaint, and records the erasure', async () => {
    const owner = await signIn('owner');
    const { complaintId } = await createComplaint();
    const before = await page(`/admin/privacy/complaints/${complaintId}`, owner.cookie);
    expect(before.status).toBe(200);
    expect(before.html).toContain('Опоздал курьер');

    const unconfirmed = await postForm(`/admin/privacy/complaints/${complaintId}/erase`, owner, {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Поставьте отметку');
    expect((await complaintRow(complaintId))!.contact).toBe('+7 916 123-45-67');

    const res = await postForm(`/admin/privacy/complaints/${complaintId}/erase`, owner, { confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/privacy/complaints/${complaintId}?erased=1`);
    const row = await complaintRow(complaintId);
    expect(row).toMatchObject({
      contact: null,
      contact_masked: null,
      comment: null,
      visitor: null,
      reason_label: 'Опоздал курьер',
    });
    expect(row!.personal_data_erased_at).toBeGreaterThan(0);
    expect(await count('complaint_events', 'complaint_id = ?1 AND note IS NOT NULL', complaintId)).toBe(0);
    expect(await count('notifications', 'complaint_id = ?1 AND payload IS NOT NULL', complaintId)).toBe(0);
    const erasedEvent = await env.DB.prepare(
      "SELECT actor FROM complaint_events WHERE complaint_id = ?1 AND kind = 'personal_data_erased'",
    )
      .bind(complaintId)
      .first<{ actor: string }>();
    expect(erasedEvent?.actor).toBe(owner.email);
    expect(await count('complaints', 'id = ?1', complaintId)).toBe(1);
    const after = await page(`/admin/privacy/complaints/${complaintId}?erased=1`, owner.cookie);
    expect(after.html).toContain('Готово: персональные данные стёрты.');
  });

  it('is closed to staff and answers 404 for an unknown complaint', async () => {
    const staff = await signIn('staff');
    const { complaintId } = await createComplaint();
    expect(
      (await call(`/admin/privacy/complaints/${complaintId}/export`, { headers: { cookie: staff.cookie } })).status,
    ).toBe(403);
    expect((await postForm(`/admin/privacy/complaints/${complaintId}/erase`, staff, { confirm: 'yes' })).status).toBe(
      403,
    );
    expect((await complaintRow(complaintId))!.contact).not.toBeNull();
    const manager = await signIn('manager');
    expect((await call('/admin/privacy/complaints/nope', { headers: { cookie: manager.cookie } })).status).toBe(404);
  });
});

describe('retention', () => {
  it('erases personal data of complaints older than the retention period, and nothing newer', async () => {
    const now = Date.now();
    await env.DB.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('retentionDays', '30', ?1)")
      .bind(now)
      .run();
    const old = await createComplaint(now - 31 * DAY);
    const fresh = await createComplaint(now - 29 * DAY);
    const complaintsBefore = await count('complaints');

    const erased = await erasePersonalData(env, now);
    expect(erased).toBeGreaterThanOrEqual(1);
    expect(await complaintRow(old.complaintId)).toMatchObject({
      contact: null,
      comment: null,
      visitor: null,
      contact_masked: null,
    });
    expect((await complaintRow(fresh.complaintId))!.contact).toBe('+7 916 123-45-67');
    expect(await count('complaint_events', 'complaint_id = ?1 AND note IS NOT NULL', old.complaintId)).toBe(0);
    expect(await count('complaint_events', 'complaint_id = ?1 AND note IS NOT NULL', fresh.complaintId)).toBe(1);
    expect(await count('complaints')).toBe(complaintsBefore);

    // A second sweep has nothing left to do and records no second erasure.
    expect(await erasePersonalData(env, now)).toBe(0);
    expect(
      await count('complaint_events', "complaint_id = ?1 AND kind = 'personal_data_erased'", old.complaintId),
    ).toBe(1);
  });

  it('runs from the cron trigger', async () => {
    const now = Date.now();
    await env.DB.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('retentionDays', '7', ?1)")
      .bind(now)
      .run();
    const old = await createComplaint(now - 8 * DAY);
    await env.DB.prepare(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) SELECT 'expired-session', id, 'x', 0, 1 FROM users LIMIT 1",
    ).run();
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: now, cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await complaintRow(old.complaintId))!.personal_data_erased_at).toBe(now);
    expect(await count('sessions', "id_hash = 'expired-session'")).toBe(0);
  });

  it('is set by the owner in days, from 7 to 3650', async () => {
    const owner = await signIn('owner');
    const settingsPage = await page('/admin/settings', owner.cookie);
    expect(settingsPage.status).toBe(200);
    const bad = await postForm('/admin/settings', owner, { retentionDays: '3' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('от 7 до 3650');
    expect(html).toContain('value="3"');
    const ok = await postForm('/admin/settings', owner, { retentionDays: '90' });
    expect(ok.status).toBe(303);
    const saved = await env.DB.prepare("SELECT value FROM settings WHERE key = 'retentionDays'").first<{
      value: string;
    }>();
    expect(saved?.value).toBe('90');
    expect((await page('/admin/settings?saved=1', owner.cookie)).html).toContain('value="90"');
    const manager = await signIn('manager');
    expect((await postForm('/admin/settings', manager, { retentionDays: '3650' })).status).toBe(403);
  });
});
