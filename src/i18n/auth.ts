import { catalogue } from './catalogue';

export const auth = catalogue(
  {
    loginTitle: 'Вход',
    loginIntro: 'Для владельца, менеджеров и сотрудников.',
    email: 'Эл. почта',
    password: 'Пароль',
    submit: 'Войти',
    failed: 'Неверная почта или пароль.',
    loggedOut: 'Вы вышли из системы.',
  },
  {
    loginTitle: 'Sign in',
    loginIntro: 'For the owner, managers and staff.',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Wrong e-mail or password.',
    loggedOut: 'You have signed out.',
  },
);
