import type en from './en';

/** The risks words in German. */
const de: typeof en = {};
export default de;
