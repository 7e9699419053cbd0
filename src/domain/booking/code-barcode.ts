// The booking code as a Code 128 barcode (ISO/IEC 15417, code set B), for the
// appointment card: a desk scanner reads it and types the code into the day list's
// check-in field. It holds the booking code only, never the manage link. Drawn by the
// server as SVG rectangles (views/partials/code-barcode.eta), so no library or script.

/**
 * Bar and space widths (in modules) of symbol values 0–106, six digits each (bar, space,
 * bar, space, bar, space); 103–105 are the start codes A, B, C and 106 the stop, which
 * ends with a seventh, a final bar.
 */
const widths = (
  "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 " +
  "221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 " +
  "221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 " +
  "212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 " +
  "231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 " +
  "231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 " +
  "314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 " +
  "112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 " +
  "111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 " +
  "214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 " +
  "114131 311141 411131 211412 211214 211232 2331112"
).split(" ");

const startB = 104;
const stop = 106;
/** Blank modules before and after the bars; scanners need ten or more. */
export const quietZone = 10;

export interface Barcode {
  /** Each bar's start and width, in modules from the left edge (quiet zone included). */
  bars: Array<{ x: number; width: number }>;
  /** All modules, quiet zones included. */
  modules: number;
}

/** Code set B covers printable ASCII (space to "~"); a booking code is within it. */
export function code128(text: string): Barcode {
  const values = [...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 32 || code > 126) throw new Error("code set B holds printable ASCII only");
    return code - 32;
  });
  const checksum = values.reduce((sum, value, i) => sum + value * (i + 1), startB) % 103;
  const symbols = [startB, ...values, checksum, stop];
  const bars: Barcode["bars"] = [];
  let x = quietZone;
  for (const symbol of symbols) {
    [...widths[symbol]!].forEach((digit, i) => {
      const width = Number(digit);
      if (i % 2 === 0) bars.push({ x, width });
      x += width;
    });
  }
  return { bars, modules: x + quietZone };
}
