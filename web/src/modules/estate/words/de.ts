import type en from './en';

/** The estate words in German. */
const de: typeof en = {};
export default de;
