import type en from './en';

/** The admin words in German. */
const de: typeof en = {};
export default de;
