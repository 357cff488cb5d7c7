/** Where a command writes; tests pass their own to capture output. */
export interface Console {
  out(text: string): void;
  err(text: string): void;
  /** True when colours and tables for people are wanted. */
  isTTY: boolean;
}

export const processConsole: Console = {
  out: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
};
