// The window a discourse snapshot covers by default. Plain data with no zod import, so the
// page UI can say what a total counts without paying for the schemas.

/** The window of a snapshot without `windowHours`: every producer used 7 days. */
export const DEFAULT_WINDOW_HOURS = 7 * 24;
