/** Number formats shared by the panels, so a figure reads the same everywhere. */
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtPct = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;
export const fmtMs = (ms: number) =>
  ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
export const fmtRate = (n: number) => (n >= 100 ? fmtInt(n) : n.toFixed(1));
export const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
