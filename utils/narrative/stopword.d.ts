// Types for the `stopword` package (it ships none): the English list is all we use.
declare module 'stopword' {
  /** English stop words, lower case. */
  export const eng: string[];
}
