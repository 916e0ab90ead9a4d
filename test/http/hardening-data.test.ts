import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { erasePersonalData } from '../../src/services/retention';
import { count, createComplaint, page } from '../accounts-helpers';
import { postForm, signIn } from '../helpers';

const DAY = 24 * 60 * 60 * 1000;

async function setRetentionDays(days: number) {
  await env.DB.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('retentionDays', ?1, ?2)").bind(String(days), Date.now()).run();
}

async function personalData(id: string) {
  const complaint = await env.DB.prepare('SELECT contact, contact_masked, comment, visitor FROM complaints WHERE id = ?1').bind(id).first();
  const notes = await count('complaint_events', 'complaint_id = ?1 AND note IS NOT NULL', id);
  const notifications = await count('notifications', 'complaint_id = ?1 AND (payload IS NOT NULL OR last_error IS NOT NULL)', id);
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
    expect((await postForm(`/admin/privacy/complaints/${complaintId}/erase`, owner, { confirm: 'yes' })).status).toBe(303);
    expect(await personalData(complaintId)).toEqual(NOTHING);

    // After the erasure: staff write a note naming the customer, and data reaches the row again.
    expect((await postForm(`/admin/complaints/${complaintId}/note`, owner, { note: 'Иван перезвонил, +7 916 000-00-00' })).status).toBe(303);
    await env.DB.prepare("UPDATE complaints SET contact = 'ivan@example.com', comment = 'Снова Иван' WHERE id = ?1").bind(complaintId).run();
    await env.DB.prepare("UPDATE notifications SET last_error = 'rejected ivan@example.com' WHERE complaint_id = ?1").bind(complaintId).run();

    // The privacy page does not pretend the complaint is clean.
    const privacy = await page(`/admin/privacy/complaints/${complaintId}`, owner.cookie);
    expect(privacy.html).toContain('После этого добавлены новые персональные данные');
    const inbox = await page(`/admin/complaints/${complaintId}`, owner.cookie);
    expect(inbox.html).toContain('ivan@example.com');

    expect(await erasePersonalData(env, now)).toBe(1);
    expect(await personalData(complaintId)).toEqual(NOTHING);
    expect(await erasures(complaintId)).toBe(2);
    expect((await page(`/admin/privacy/complaints/${complaintId}`, owner.cookie)).html).not.toContain('После этого добавлены');

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
    expect((await postForm(`/admin/complaints/${complaintId}/note`, manager, { note: 'Клиент Иван просил не звонить' })).status).toBe(303);
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
