/**
 * A person's own Telegram or MAX user, linked from /admin/account, so a press on a complaint
 * message is recorded as that person. The link is made by a one-time code sent to the bot.
 */
export type MessengerChannel = 'telegram' | 'max';

export interface MessengerLink {
  channel: MessengerChannel;
  externalUserId: string;
  externalName: string;
  createdAt: number;
}

/** The account a messenger user belongs to: its id and how it is named in the timeline. */
export interface LinkedPerson {
  userId: string;
  name: string;
}
