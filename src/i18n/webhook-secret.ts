import { catalogue } from './catalogue';

/** The webhook's signing secret: shown once, then masked, and rotated with "Новый секрет". */
export const webhookSecret = catalogue(
  {
    shownOnce: 'Целиком секрет показываем только один раз, когда он создан.',
    keepHint: 'Оставьте пустым, чтобы не менять. Можно вставить свой или нажать «Новый секрет».',
    rotate: 'Новый секрет',
    rotateHint: 'Старый секрет перестанет работать сразу: обновите его у получателя.',
    shownTitle: 'Секрет подписи вебхука',
    shown:
      'Скопируйте секрет сейчас и сохраните его у получателя вебхука: больше мы его не покажем, на странице настроек останутся только последние символы. Прежний секрет, если он был, больше не действует.',
    label: 'Секрет подписи',
    back: 'К настройкам жалоб',
    noUrl: 'Сначала укажите URL вебхука и сохраните настройки.',
  },
  {
    shownOnce: 'The whole secret is shown only once, when it is made.',
    keepHint: 'Leave empty to keep it. You may paste your own or press “New secret”.',
    rotate: 'New secret',
    rotateHint: 'The old secret stops working at once: update it at the receiver.',
    shownTitle: 'Webhook signing secret',
    shown:
      'Copy the secret now and store it at the webhook’s receiver: we will not show it again; the settings page keeps only its last characters. A previous secret, if there was one, no longer works.',
    label: 'Signing secret',
    back: 'Back to complaint settings',
    noUrl: 'Set the webhook URL and save the settings first.',
  },
);

export type WebhookSecretMessages = (typeof webhookSecret)['en'];
