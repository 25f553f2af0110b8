/**
 * Reads a number the way a person writes it in a form: optional minus sign, digits, optional decimal
 * point and digits. Everything else is refused rather than guessed, because JavaScript's Number() reads
 * "0x20" as 32, "1e3" as 1000, "" as 0 and "0b11" as 3, and a bucket of 32 typed as "0x20" is not what
 * anyone meant.
 * @returns the number, or null when the text is not a plain decimal number.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
