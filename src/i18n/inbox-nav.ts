import { catalogue } from './catalogue';

/** Moving through the inbox: pages, the next open complaint, the batch filter, who did what. */
export const inboxNav = catalogue(
  {
    anyBatch: 'Все тиражи',
    page: 'Страница {page} из {pages}',
    newer: '← Новее',
    older: 'Старше →',
    pages: 'Страницы',
    nextOpen: 'Следующая открытая жалоба →',
    noNextOpen: 'Других открытых жалоб по этим фильтрам нет.',
    backToList: 'К списку',
    api: 'API: {name}',
  },
  {
    anyBatch: 'All batches',
    page: 'Page {page} of {pages}',
    newer: '← Newer',
    older: 'Older →',
    pages: 'Pages',
    nextOpen: 'Next open complaint →',
    noNextOpen: 'No other open complaints match these filters.',
    backToList: 'Back to the list',
    api: 'API: {name}',
  },
);
