import pc from 'picocolors';

/** Where a command writes; tests pass their own to capture output. */
export interface Console {
  out(text: string): void;
  err(text: string): void;
  /** True when tables laid out for people are wanted rather than plain lines. */
  isTTY: boolean;
  /** True when ANSI colours may be written; absent means no colours. */
  colour?: boolean;
}

export type Colours = ReturnType<typeof pc.createColors>;

/**
 * Colours follow the console a command writes to, never the process's
 * environment alone: picocolors on its own turns colours on whenever a `CI`
 * variable is set, which would put escape codes into captured or piped output.
 */
export function colours(io: Pick<Console, 'colour'>): Colours {
  return pc.createColors(io.colour === true);
}

/** NO_COLOR (https://no-color.org) wins; FORCE_COLOR turns colours on for pipes. */
export function wantsColour(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

export const processConsole: Console = {
  out: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  colour: wantsColour(process.env, Boolean(process.stdout.isTTY)),
};
