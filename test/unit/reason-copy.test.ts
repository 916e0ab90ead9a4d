import { describe, expect, it } from 'vitest';
import { planReasonCopy, type TargetReason } from '../../src/domain/reason-copy';

const source = [
  { label: 'Остыла еда', labelEn: 'The food was cold', catchAll: false },
  { label: 'Другое', labelEn: null, catchAll: true },
];
const target = (id: number, label: string, extra: Partial<TargetReason> = {}): TargetReason => ({
  id,
  label,
  labelEn: null,
  catchAll: false,
  position: id,
  archived: false,
  complaints: 0,
  ...extra,
});

describe('planReasonCopy', () => {
  it('replace: keeps and reorders same labels (any case), inserts the rest, archives used leftovers and deletes unused ones', () => {
    const plan = planReasonCopy(
      source,
      [target(1, 'другое', { labelEn: 'Other' }), target(2, 'Курьер', { complaints: 3 }), target(3, 'Лишняя')],
      'replace',
    );
    expect(plan.insert).toEqual([{ label: 'Остыла еда', labelEn: 'The food was cold', catchAll: false, position: 0 }]);
    // The target's own English label survives when the source has none.
    expect(plan.update).toEqual([{ id: 1, label: 'Другое', labelEn: 'Other', catchAll: true, position: 1 }]);
    expect(plan.archive).toEqual([2]);
    expect(plan.remove).toEqual([3]);
  });

  it('replace: restores an archived reason with the same label instead of adding a second one', () => {
    const plan = planReasonCopy(
      source,
      [target(5, 'Остыла еда', { archived: true, complaints: 2 }), target(6, 'Другое', { catchAll: true })],
      'replace',
    );
    expect(plan.insert).toEqual([]);
    expect(plan.update.map((u) => [u.id, u.position])).toEqual([
      [5, 0],
      [6, 1],
    ]);
    expect(plan.archive).toEqual([]);
  });

  it('merge: adds only what is missing, after the last active reason, and fills a missing English label', () => {
    const plan = planReasonCopy(
      source,
      [target(1, 'Курьер', { position: 4 }), target(2, 'остыла еда', { position: 2 })],
      'merge',
    );
    expect(plan.insert).toEqual([{ label: 'Другое', labelEn: null, catchAll: true, position: 5 }]);
    expect(plan.update).toMatchObject([{ id: 2, label: 'остыла еда', labelEn: 'The food was cold' }]);
    expect(plan.archive).toEqual([]);
    expect(plan.remove).toEqual([]);
  });
});
