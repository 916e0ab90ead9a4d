import { catalogue } from './catalogue';

/** Password recovery links and a person's own name and e-mail. */
export const recovery = catalogue(
  {
    reset: {
      title: 'Новый пароль',
      intro: 'Задайте новый пароль для {email}. После этого все сеансы этого аккаунта на других устройствах закроются.',
      submit: 'Сохранить пароль и войти',
      invalidTitle: 'Ссылка не действует',
      invalidText:
        'Ссылка для сброса пароля уже использована, заменена новой или устарела (она действует 24 часа). Попросите владельца прислать новую.',
    },
    users: {
      issue: 'Ссылка для сброса пароля',
      issuedTitle: 'Ссылка для сброса пароля готова',
      issued:
        'Отправьте эту ссылку человеку с почтой {email}. Мы показываем её только сейчас; она действует до {until} и только один раз. Когда пароль будет задан, все его сеансы закроются. Прежние ссылки для него больше не действуют.',
      link: 'Ссылка для сброса пароля',
      disabled: 'Этот аккаунт отключён: сначала включите его.',
    },
    profile: {
      title: 'Имя и почта',
      name: 'Имя',
      email: 'Эл. почта (логин)',
      current: 'Текущий пароль',
      currentHint: 'Нужен, только если вы меняете почту.',
      submit: 'Сохранить',
      saved: 'Имя и почта сохранены.',
      nameRequired: 'Укажите имя (до 80 символов).',
      emailInvalid: 'Проверьте адрес почты: например, anna@example.ru.',
      emailTaken: 'Эта почта уже занята другим аккаунтом.',
      currentRequired: 'Чтобы сменить почту, введите текущий пароль.',
      wrongCurrent: 'Текущий пароль указан неверно.',
    },
    login: {
      language: 'Язык',
    },
  },
  {
    reset: {
      title: 'New password',
      intro: 'Set a new password for {email}. Every session of this account on other devices will then be closed.',
      submit: 'Save the password and sign in',
      invalidTitle: 'This link is not valid',
      invalidText:
        'The password reset link has been used, replaced by a newer one or has expired (it works for 24 hours). Ask the owner for a new one.',
    },
    users: {
      issue: 'Password reset link',
      issuedTitle: 'The password reset link is ready',
      issued:
        'Send this link to {email}. We show it only now; it works until {until} and only once. Once the password is set, all their sessions are closed. Earlier links for them no longer work.',
      link: 'Password reset link',
      disabled: 'This account is disabled: enable it first.',
    },
    profile: {
      title: 'Name and e-mail',
      name: 'Name',
      email: 'E-mail (your login)',
      current: 'Current password',
      currentHint: 'Needed only when you change the e-mail.',
      submit: 'Save',
      saved: 'Name and e-mail saved.',
      nameRequired: 'Enter a name (up to 80 characters).',
      emailInvalid: 'Check the e-mail address, e.g. anna@example.com.',
      emailTaken: 'This e-mail is already used by another account.',
      currentRequired: 'To change the e-mail, enter your current password.',
      wrongCurrent: 'The current password is wrong.',
    },
    login: {
      language: 'Language',
    },
  },
);

export type RecoveryMessages = (typeof recovery)['en'];
