import { catalogue } from './catalogue';

/** MAX on the complaint settings page, and a person's own messenger link on /admin/account. */
export const messengers = catalogue(
  {
    max: {
      title: 'MAX',
      intro: 'Второй мессенджер для жалоб: те же сообщения и кнопки «Беру», «Связались», «Решено», что и в Telegram.',
      token: 'Токен бота MAX',
      tokenHint:
        'Получите в кабинете business.max.ru или у @MasterBot. Сохранённый токен не показывается; оставьте поле пустым, чтобы не менять.',
      tokenSet: 'Токен сохранён.',
      clear: 'Удалить токен MAX',
      chat: 'ID чата MAX',
      chatHint: 'Заполняется сам, когда вы откроете ссылку подключения.',
      escalationChat: 'Чат MAX для просроченных',
      escalationChatHint: 'Сюда придёт второе сообщение, если на жалобу не ответили к сроку. Пусто — в тот же чат.',
      apiBase: 'Адрес MAX Bot API',
      save: 'Сохранить MAX',
      saved: 'Настройки MAX сохранены.',
      webhookFailed: 'Сохранено, но MAX не принял адрес для кнопок (POST /subscriptions): {reason}.',
      connectTitle: 'Подключить чат MAX',
      connectHint:
        'Откройте ссылку на телефоне или отсканируйте код и нажмите «Начать»: этот диалог станет чатом жалоб.',
      connectGroup: 'Для группового чата: добавьте бота в чат и отправьте там {command}.',
      connectQr: 'QR-код ссылки на бота MAX',
      connectNone: 'Создайте одноразовую ссылку: по ней чат подключится без ввода ID.',
      connectMake: 'Создать ссылку MAX',
      connectAgain: 'Новая ссылка MAX',
      testMessage: 'Отправить тестовое сообщение в MAX',
      testSent: 'Тестовое сообщение отправлено в MAX: проверьте чат.',
      testFailed: 'Тестовое сообщение в MAX не отправлено: {reason}',
      errors: {
        token: 'Токен: только буквы, цифры и знаки - _ : . (от 10 до 200).',
        chat: 'ID чата MAX — целое число, например -70123456789.',
      },
    },
    account: {
      title: 'Мои мессенджеры',
      intro:
        'Свяжите свой Telegram или MAX с аккаунтом: нажатия кнопок под жалобами будут записаны в истории жалобы вашим именем ({name}).',
      none: 'Пока ничего не связано.',
      linked: '{channel}: {who}, связан {when}',
      make: 'Создать ссылку для связи',
      again: 'Новая ссылка',
      linkHint:
        'Откройте ссылку на телефоне и нажмите «Запустить» / «Начать». Ссылка одноразовая и действует 30 минут.',
      command: 'Или отправьте боту в личном чате: {command}',
      noBots: 'Боты ещё не подключены: владелец настраивает их на странице «Настройки жалоб».',
      unlink: 'Отвязать {channel}',
      unlinked: 'Связь удалена.',
    },
  },
  {
    max: {
      title: 'MAX',
      intro:
        'A second messenger for complaints: the same messages and “Беру”, “Связались”, “Решено” buttons as in Telegram.',
      token: 'MAX bot token',
      tokenHint:
        'Get it in business.max.ru or from @MasterBot. A saved token is not shown; leave the field empty to keep it.',
      tokenSet: 'A token is saved.',
      clear: 'Remove the MAX token',
      chat: 'MAX chat ID',
      chatHint: 'Filled in by itself when you open the connect link.',
      escalationChat: 'MAX chat for overdue complaints',
      escalationChatHint:
        'A second message goes here when a complaint is not answered by its due time. Empty: the same chat.',
      apiBase: 'MAX Bot API address',
      save: 'Save MAX',
      saved: 'The MAX settings are saved.',
      webhookFailed: 'Saved, but MAX did not take the address for the buttons (POST /subscriptions): {reason}.',
      connectTitle: 'Connect a MAX chat',
      connectHint:
        'Open the link on your phone or scan the code and press “Start”: that dialog becomes the complaint chat.',
      connectGroup: 'For a group chat: add the bot to the chat and send {command} there.',
      connectQr: 'QR code of the MAX bot link',
      connectNone: 'Make a one-time link: the chat connects without typing any id.',
      connectMake: 'Make a MAX link',
      connectAgain: 'New MAX link',
      testMessage: 'Send a test message to MAX',
      testSent: 'The test message went out to MAX: check the chat.',
      testFailed: 'The test message to MAX did not go out: {reason}',
      errors: {
        token: 'Token: letters, digits and - _ : . only (10 to 200).',
        chat: 'A MAX chat ID is a whole number, e.g. -70123456789.',
      },
    },
    account: {
      title: 'My messengers',
      intro:
        'Link your own Telegram or MAX to this account: your presses of the buttons under complaints are recorded in the complaint’s history under your name ({name}).',
      none: 'Nothing is linked yet.',
      linked: '{channel}: {who}, linked {when}',
      make: 'Make a link',
      again: 'New link',
      linkHint: 'Open the link on your phone and press “Start”. The link works once, for 30 minutes.',
      command: 'Or send the bot in a private chat: {command}',
      noBots: 'No bot is connected yet: the owner sets them up on the complaint settings page.',
      unlink: 'Unlink {channel}',
      unlinked: 'The link is removed.',
    },
  },
);
