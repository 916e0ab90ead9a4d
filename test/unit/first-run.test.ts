import { describe, expect, it } from 'vitest';
import { firstRunChecklist } from '../../src/domain/first-run';

const none = {
  locationWithLink: false,
  consentReviewed: false,
  notificationTested: false,
  notificationSent: false,
  batchPrinted: false,
  scanSeen: false,
};

describe('firstRunChecklist', () => {
  it('lists the five steps in order, done as the facts say', () => {
    const items = firstRunChecklist({ ...none, batchPrinted: true })!;
    expect(items.map((i) => [i.step, i.done])).toEqual([
      ['location', false],
      ['consent', false],
      ['notifications', false],
      ['print', true],
      ['scan', false],
    ]);
    expect(items.every((i) => i.href.startsWith('/admin/'))).toBe(true);
  });

  it('counts a real notification delivered as much as a test message', () => {
    expect(firstRunChecklist({ ...none, notificationSent: true })!.find((i) => i.step === 'notifications')!.done).toBe(
      true,
    );
  });

  it('is gone when every step is done', () => {
    expect(
      firstRunChecklist({
        locationWithLink: true,
        consentReviewed: true,
        notificationTested: true,
        notificationSent: false,
        batchPrinted: true,
        scanSeen: true,
      }),
    ).toBeNull();
  });
});
