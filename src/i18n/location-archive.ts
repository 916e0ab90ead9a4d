import { catalogue } from './catalogue';

/** Archiving a location on the locations page. */
export const locationArchive = catalogue(
  {
    archive: 'В архив',
    archiveHint:
      'Открытки точки продолжают работать (сканы, жалобы), но её не будет в выборе точки при печати, в фильтрах и в быстрой форме отзывов.',
    restore: 'Вернуть из архива',
    archivedTitle: 'Архив',
    archivedIntro: 'Точки в архиве: их открытки работают, жалобы приходят, но при печати и в фильтрах их нет.',
    archivedSince: 'в архиве с {date}',
    archivedNotice: 'Точка «{name}» в архиве. Её открытки продолжают работать.',
    restoredNotice: 'Точка «{name}» снова в работе.',
    archivedBadge: 'В архиве',
  },
  {
    archive: 'Archive',
    archiveHint:
      'Its cards keep working (scans, complaints), but it leaves the location choice when printing, the filters and the quick review form.',
    restore: 'Restore',
    archivedTitle: 'Archive',
    archivedIntro:
      'Archived locations: their cards work and complaints arrive, but they are not offered for printing or in filters.',
    archivedSince: 'archived since {date}',
    archivedNotice: 'The location “{name}” is archived. Its cards keep working.',
    restoredNotice: 'The location “{name}” is active again.',
    archivedBadge: 'Archived',
  },
);
