/** What `npm run models` did for one model: its own module, so the installer and the self-hoster share it without importing each other. */
export type ModelStatus = 'installed' | 'up to date' | 'FAILED';

export interface ModelReport {
  id: string;
  version: string;
  status: ModelStatus;
  /** Absolute model folder. */
  folder: string;
  /** Where the files came from (or would have). */
  location: string;
  filesFetched: number;
  filesUpToDate: number;
  bytesFetched: number;
  totalBytes: number;
  /** Why it failed (only for FAILED). */
  error?: string;
  /** The failure was that the shared folder root (`--from`) is missing or not given. */
  sharedSourceMissing?: boolean;
  warnings: string[];
}
