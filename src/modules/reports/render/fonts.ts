/**
 * The reports' fonts: Noto Sans (regular, bold, italic), shipped with the project by the
 * @expo-google-fonts/noto-sans package and embedded in every PDF (pdfkit keeps only the glyphs
 * used). It covers Latin, Greek and Cyrillic, so names in those scripts print as written.
 * The same files measure the charts' text, so ECharts lays out labels with the widths they
 * have on paper.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/** The names the fonts are registered under in each document. */
export const FONT = { regular: 'NotoSans', bold: 'NotoSans-Bold', italic: 'NotoSans-Italic' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FILES: Record<FontName, string> = {
  NotoSans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'NotoSans-Bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  'NotoSans-Italic': '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
};

interface Loaded {
  bytes: Buffer;
  font: Fontkit.Font;
}

const loaded = new Map<FontName, Loaded>();

function load(name: FontName): Loaded {
  let f = loaded.get(name);
  if (!f) {
    const bytes = readFileSync(require.resolve(FILES[name]));
    // fontkit loads on first use: a server that prints nothing never loads it.
    const font = (require('fontkit') as typeof Fontkit).create(bytes);
    if (!('unitsPerEm' in font) || 'fonts' in font) throw new Error(`${FILES[name]} is not a single font`);
    f = { bytes, font };
    loaded.set(name, f);
  }
  return f;
}

/** Registers the three fonts in a pdfkit document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.values(FONT)) doc.registerFont(name, load(name).bytes);
}

/** Whether the fonts have a glyph for the character (the regular face; the others cover the same). */
export function hasGlyph(codePoint: number): boolean {
  return load(FONT.regular).font.hasGlyphForCodePoint(codePoint);
}

/** The width in points of `text` set in `font` at `size`, kerning included. */
export function textWidth(text: string, font: FontName, size: number): number {
  const f = load(font).font;
  return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
}

/**
 * ECharts' measure of text (its platform API), from a CSS font shorthand such as
 * `bold 12px sans-serif`: the width the text has in the embedded fonts.
 */
export function measureCssText(text: string, css: string): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(css)?.[1] ?? 12);
  const bold = /\b(bold|[6-9]00)\b/.test(css);
  const italic = /\bitalic\b/.test(css);
  return { width: textWidth(text, bold ? FONT.bold : italic ? FONT.italic : FONT.regular, size) };
}
