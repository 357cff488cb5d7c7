/**
 * Exit codes of the `headroom` command:
 * 0 success; 1 the check ran and found problems (invalid SLOs, a denied gate);
 * 2 the command could not run as asked (bad flag, missing file, malformed input).
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A problem with what the user gave us; printed as one line, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
