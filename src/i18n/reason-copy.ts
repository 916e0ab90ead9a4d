import { catalogue } from './catalogue';

/** The reasons page: English labels and copying one location's reasons to all the others. */
export const reasonCopy = catalogue(
  {
    labelEn: 'По-английски',
    labelEnHint: 'Для клиентов с английским языком; пусто — покажем русский текст.',
    labelEnError: 'Английский текст: от 2 до 80 символов или пусто.',
    copyTitle: 'Скопировать во все точки',
    copyIntro:
      'Причины этой точки (с английскими текстами и отметкой «общая») появятся во всех остальных точках, кроме архивных: {count}.',
    replace: 'Заменить',
    replaceHint:
      'В других точках останутся только эти причины, в этом порядке. Их причины, по которым уже есть жалобы, уйдут в архив (жалобы и статистика сохранятся), остальные удалятся.',
    merge: 'Добавить недостающие',
    mergeHint: 'Причины других точек останутся как есть; тех, которых там нет, добавятся в конец списка.',
    confirm: 'Подтверждаю: изменить причины в других точках ({count})',
    submit: 'Скопировать во все точки',
    confirmRequired: 'Поставьте отметку, чтобы подтвердить копирование.',
    modeRequired: 'Выберите: заменить или добавить недостающие.',
    noOthers: 'Других активных точек нет: копировать некуда.',
    copiedReplace: 'Готово: в {count} точках теперь те же причины, что здесь.',
    copiedMerge: 'Готово: недостающие причины добавлены в {count} точках.',
  },
  {
    labelEn: 'In English',
    labelEnHint: 'For customers whose language is English; empty shows the Russian text.',
    labelEnError: 'English text: 2 to 80 characters, or empty.',
    copyTitle: 'Copy to all locations',
    copyIntro:
      'The reasons of this location (with their English texts and catch-all marks) will appear in every other location that is not archived: {count}.',
    replace: 'Replace',
    replaceHint:
      'The other locations keep only these reasons, in this order. Their reasons that have complaints are archived (the complaints and figures stay), the rest are deleted.',
    merge: 'Add the missing ones',
    mergeHint: 'The other locations keep their reasons; the ones they lack are added at the end of their list.',
    confirm: 'I confirm: change the reasons of the other locations ({count})',
    submit: 'Copy to all locations',
    confirmRequired: 'Tick the box to confirm the copy.',
    modeRequired: 'Choose: replace, or add the missing ones.',
    noOthers: 'There are no other active locations to copy to.',
    copiedReplace: 'Done: {count} locations now have the same reasons as this one.',
    copiedMerge: 'Done: the missing reasons were added in {count} locations.',
  },
);

export type ReasonCopyMessages = (typeof reasonCopy)['en'];
