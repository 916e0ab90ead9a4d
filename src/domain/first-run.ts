/**
 * The owner's first-run checklist: five steps that tick themselves from what the deployment has
 * done, each with the page that does it. Pure: the facts come in, the steps go out.
 */
type FirstRunStep = 'location' | 'consent' | 'notifications' | 'print' | 'scan';

export interface FirstRunItem {
  step: FirstRunStep;
  done: boolean;
  href: string;
}

interface FirstRunInput {
  locationWithLink: boolean;
  consentReviewed: boolean;
  notificationTested: boolean;
  notificationSent: boolean;
  batchPrinted: boolean;
  scanSeen: boolean;
}

/** The steps in the order they are best done; null once all are done (the checklist goes away). */
export function firstRunChecklist(facts: FirstRunInput): FirstRunItem[] | null {
  const items: FirstRunItem[] = [
    { step: 'location', done: facts.locationWithLink, href: '/admin/locations' },
    { step: 'consent', done: facts.consentReviewed, href: '/admin/settings/complaints#consent-review' },
    {
      step: 'notifications',
      done: facts.notificationTested || facts.notificationSent,
      href: '/admin/settings/complaints#telegramBotToken',
    },
    { step: 'print', done: facts.batchPrinted, href: '/admin/print' },
    { step: 'scan', done: facts.scanSeen, href: '/admin/print' },
  ];
  return items.every((i) => i.done) ? null : items;
}
