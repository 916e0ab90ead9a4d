/** Widens string literals so `en` is checked against `ru`'s keys, not its exact texts. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** One area's messages in both languages; a key missing in English is a type error. */
export function catalogue<R>(ru: R, en: Shape<R>): { ru: R; en: Shape<R> } {
  return { ru, en };
}
