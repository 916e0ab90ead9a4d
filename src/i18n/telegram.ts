import { catalogue } from './catalogue';

/**
 * What the bots say in Telegram and MAX: the complaint and review messages, the buttons under
 * them and the answers to presses and connect codes. The chat is shared by the staff, so these
 * go out in Russian (`messages('ru').telegram`); English is kept for a chat that reads it.
 */
export const telegram = catalogue(
  {
    complaint: {
      created: 'Новая жалоба · {location}',
      overdue: '⚠ Не ответили к сроку · {location}',
      added: 'Клиент дополнил жалобу · {location}',
      reason: 'Причина: {reason}',
      card: 'Открытка: {code}',
      order: ', заказ {order}',
      comment: 'Комментарий: {comment}',
      contact: 'Контакт: {contact}',
      contactNote: ' (полный контакт был только в первой попытке отправки)',
      due: 'Ответить до: {when}',
    },
    review: {
      title: 'Новый отзыв — подтвердите оценку',
      location: ' · {location}',
      platform: 'Площадка: {platform}',
      subject: 'Тема письма: {subject}',
      open: 'Открыть на странице',
    },
    /** The buttons under a complaint, and what the edited message says after the person's name. */
    buttons: { take: 'Беру', contacted: 'Связались', resolved: 'Решено' },
    done: { take: 'взял(а) в работу', contacted: 'связались с клиентом', resolved: 'жалоба решена' },
    reviewButtons: { positive: '4–5 ★', negative: '1–3 ★', not_review: 'Не отзыв' },
    reviewDone: { positive: 'отзыв 4–5 ★', negative: 'отзыв 1–3 ★', not_review: 'не отзыв' },
    pressed: 'Готово: {done}',
    test: 'Проверка связи: так будут приходить жалобы из Индекса поддержки.',
    notBound: 'Этот чат не подключён к Индексу поддержки.',
    noComplaint: 'Жалоба не найдена.',
    reviewConfirmed: 'Этот отзыв уже подтверждён.',
    noReview: 'Отзыв не найден.',
    reviewNoLocation: 'Не понятно, о какой точке отзыв: подтвердите его на странице отзывов.',
    chatConnected: 'Чат подключён: сюда будут приходить жалобы из Индекса поддержки.',
    accountLinked: 'Аккаунт связан: ваши нажатия кнопок будут записаны как {name}.',
    badCode: 'Код не подошёл: откройте ссылку на странице настроек ещё раз.',
  },
  {
    complaint: {
      created: 'New complaint · {location}',
      overdue: '⚠ Not answered in time · {location}',
      added: 'The customer added to a complaint · {location}',
      reason: 'Reason: {reason}',
      card: 'Card: {code}',
      order: ', order {order}',
      comment: 'Comment: {comment}',
      contact: 'Contact: {contact}',
      contactNote: ' (the full contact came only with the first delivery attempt)',
      due: 'Answer by: {when}',
    },
    review: {
      title: 'New review: confirm its rating',
      location: ' · {location}',
      platform: 'Platform: {platform}',
      subject: 'Mail subject: {subject}',
      open: 'Open on the page',
    },
    buttons: { take: 'Taking it', contacted: 'Contacted', resolved: 'Resolved' },
    done: { take: 'took it', contacted: 'contacted the customer', resolved: 'complaint resolved' },
    reviewButtons: { positive: '4–5 ★', negative: '1–3 ★', not_review: 'Not a review' },
    reviewDone: { positive: 'review 4–5 ★', negative: 'review 1–3 ★', not_review: 'not a review' },
    pressed: 'Done: {done}',
    test: 'Connection test: this is how complaints from Support Index will arrive.',
    notBound: 'This chat is not connected to Support Index.',
    noComplaint: 'Complaint not found.',
    reviewConfirmed: 'This review has been confirmed already.',
    noReview: 'Review not found.',
    reviewNoLocation: 'It is not clear which location the review is about: confirm it on the reviews page.',
    chatConnected: 'Chat connected: complaints from Support Index will arrive here.',
    accountLinked: 'Account linked: your button presses will be recorded as {name}.',
    badCode: 'The code did not work: open the link on the settings page again.',
  },
);
