/** The words of a namespace in another language: every English key, no other. */
export type WordsOf<W> = { readonly [K in keyof W]: string };
