/**
 * "Скопировать во все точки": what copying one location's reasons to another changes there.
 *
 * - `replace`: the other location ends up with exactly the source's active reasons, in its order
 *   (a reason with the same label is kept and updated, so its complaints stay with it; the
 *   others are archived when complaints name them, deleted when none do).
 * - `merge`: the other location keeps its reasons; the source's reasons it lacks are added after
 *   them, and a matching reason without an English label gets the source's.
 *
 * Labels match case-insensitively, as the reasons page checks duplicates.
 */

export type ReasonCopyMode = 'replace' | 'merge';

interface CopiedReason {
  label: string;
  labelEn: string | null;
  catchAll: boolean;
}

export interface TargetReason extends CopiedReason {
  id: number;
  position: number;
  archived: boolean;
  complaints: number;
}

export interface ReasonCopyPlan {
  insert: (CopiedReason & { position: number })[];
  update: (CopiedReason & { id: number; position: number })[];
  archive: number[];
  remove: number[];
}

const key = (label: string) => label.toLocaleLowerCase('ru');

export function planReasonCopy(
  source: readonly CopiedReason[],
  target: readonly TargetReason[],
  mode: ReasonCopyMode,
): ReasonCopyPlan {
  const plan: ReasonCopyPlan = { insert: [], update: [], archive: [], remove: [] };
  // An active match is preferred to an archived one with the same label.
  const byLabel = new Map<string, TargetReason>();
  for (const reason of [...target].sort((a, b) => Number(b.archived) - Number(a.archived)))
    byLabel.set(key(reason.label), reason);
  const matched = new Set<number>();

  if (mode === 'replace') {
    source.forEach((reason, position) => {
      const match = byLabel.get(key(reason.label));
      if (match && !matched.has(match.id)) {
        matched.add(match.id);
        plan.update.push({
          id: match.id,
          position,
          label: reason.label,
          labelEn: reason.labelEn ?? match.labelEn,
          catchAll: reason.catchAll,
        });
      } else plan.insert.push({ ...reason, position });
    });
    for (const reason of target) {
      if (matched.has(reason.id) || reason.archived) continue;
      if (reason.complaints > 0) plan.archive.push(reason.id);
      else plan.remove.push(reason.id);
    }
    return plan;
  }

  let next = Math.max(-1, ...target.filter((r) => !r.archived).map((r) => r.position)) + 1;
  for (const reason of source) {
    const match = byLabel.get(key(reason.label));
    if (match && !match.archived) {
      if (match.labelEn === null && reason.labelEn !== null) plan.update.push({ ...match, labelEn: reason.labelEn });
    } else if (match) {
      plan.update.push({
        id: match.id,
        position: next++,
        label: match.label,
        labelEn: match.labelEn ?? reason.labelEn,
        catchAll: match.catchAll,
      });
    } else plan.insert.push({ ...reason, position: next++ });
  }
  return plan;
}
