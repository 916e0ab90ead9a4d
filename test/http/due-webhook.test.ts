import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, localDay } from '../../src/domain/time';
import { localMoment } from '../../src/domain/time';
import type { WeeklyHours } from '../../src/domain/working-time';
import { createLocation } from '../helpers';
import { complain, createCard, eventually, resetSettings, setSettings } from '../complaint-helpers';

const HOOK = 'https://hook.test/due';
const ZONE = 'Europe/Samara';
const WEEK: WeeklyHours = {
  mon: [[540, 1080]],
  tue: [[540, 1080]],
  wed: [[540, 1080]],
  thu: [[540, 1080]],
  fri: [[540, 1080]],
  sat: [[540, 1080]],
  sun: [[540, 1080]],
};
let hookBodies: string[] = [];

beforeEach(async () => {
  await resetSettings();
  hookBodies = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(HOOK)) return realFetch(input, init);
    hookBodies.push(String(init?.body));
    return new Response('ok');
  });
});
afterEach(() => vi.restoreAllMocks());

describe('the due time in webhook bodies', () => {
  it('complaint.created carries dueAt, worked out in the location’s hours', async () => {
    await setSettings({ webhookUrl: HOOK, webhookSecret: 'shh' });
    const today = localDay(Date.now(), ZONE);
    const { id: locationId } = await createLocation(undefined, { timeZone: ZONE, hours: WEEK, holidays: [today] });
    const { id } = await complain((await createCard({ locationId })).code);
    const bodies = await eventually(
      async () => hookBodies,
      (b) => b.length > 0,
    );
    const message = JSON.parse(bodies[0]!) as { event: string; complaint: { id: string; dueAt: string } };
    expect(message.event).toBe('complaint.created');
    expect(message.complaint.id).toBe(id);
    // Closed all day today: due an hour after tomorrow's opening at 09:00.
    expect(message.complaint.dueAt).toBe(new Date(localMoment(addDays(today, 1), 600, ZONE)).toISOString());
  });
});
