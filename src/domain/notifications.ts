/** The notification outbox: one row per message to one channel. */
export type Channel = 'telegram' | 'max' | 'webhook';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

export interface Notification {
  id: string;
  complaintId: string;
  channel: Channel;
  event: string;
  payload: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  sentAt: number | null;
  createdAt: number;
}

export interface NotificationProblem extends Notification {
  reason: string;
  locationName: string;
  locationTimeZone: string;
  complaintCreatedAt: number;
}
