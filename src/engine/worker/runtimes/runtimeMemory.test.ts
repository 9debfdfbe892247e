import { describe, expect, it } from 'vitest';
import { runtimeMemory, sessionOpened, tensorsHeld } from './runtimeMemory';

describe('runtime memory', () => {
  it('counts sessions and their bytes until closed (once), and tensors until freed', () => {
    const close = sessionOpened('ort', 1000);
    sessionOpened('litert', 300)();
    tensorsHeld('ort', 2);
    expect(runtimeMemory()).toEqual([
      { runtime: 'ort', sessions: 1, modelBytes: 1000, tensors: 2 },
      { runtime: 'litert', sessions: 0, modelBytes: 0, tensors: 0 },
    ]);
    tensorsHeld('ort', -2);
    close();
    close(); // a second close is not a second session gone
    expect(runtimeMemory()).toEqual([
      { runtime: 'ort', sessions: 0, modelBytes: 0, tensors: 0 },
      { runtime: 'litert', sessions: 0, modelBytes: 0, tensors: 0 },
    ]);
  });
});
