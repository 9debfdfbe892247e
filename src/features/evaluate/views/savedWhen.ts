/** When a run was saved, to the second: two runs saved in the same minute must read apart. */
export const whenSaved = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
