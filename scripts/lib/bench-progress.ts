/**
 * Progress on stderr. Lines that matter stay; per-batch updates overwrite one another on a terminal and
 * are thinned to one every few seconds when stderr is a file, so logs stay readable.
 */
export interface ProgressLog {
  line(message: string): void;
  status(message: string): void;
}

export function createProgressLog(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000): ProgressLog {
  const tty = stream.isTTY === true;
  let transient = false;
  let lastStatus = 0;
  const clear = () => {
    if (transient) stream.write('\r\x1b[K');
    transient = false;
  };
  return {
    line(message) {
      clear();
      stream.write(`${message}\n`);
    },
    status(message) {
      if (tty) {
        clear();
        stream.write(message.slice(0, (stream.columns || 120) - 1));
        transient = true;
        return;
      }
      const now = Date.now();
      if (now - lastStatus < intervalMs) return;
      lastStatus = now;
      stream.write(`${message}\n`);
    },
  };
}
