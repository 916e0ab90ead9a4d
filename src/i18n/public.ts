import { catalogue } from './catalogue';

export const publicPages = catalogue(
  {
    unknownCardTitle: 'Открытка не найдена',
    unknownCardText: 'Похоже, этот QR-код больше не действует. Мы всё равно будем рады вашему отзыву.',
    leaveReview: 'Оставить отзыв',
  },
  {
    unknownCardTitle: 'Card not found',
    unknownCardText: 'This QR code seems to be no longer valid. We would still be glad to hear from you.',
    leaveReview: 'Leave a review',
  },
);
