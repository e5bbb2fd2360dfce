import type en from './en';

/** The roadmap words in German. */
const de: typeof en = {};
export default de;
