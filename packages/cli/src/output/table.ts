/** Box characters for cli-table3 without a rule between rows: denser, still aligned. */
export const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
