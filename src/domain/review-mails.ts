import type { MailVerdict } from './review-mail';

export interface ReviewMail {
  id: string;
  messageId: string;
  platform: string;
  locationId: number | null;
  locationSlug: string | null;
  locationName: string | null;
  day: string;
  rating: number | null;
  subject: string | null;
  excerpt: string | null;
  status: MailStatus;
  receivedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

type MailStatus = 'stored' | 'pending' | MailVerdict;
