import { describe, expect, it } from 'vitest';
import { createGpuSupervisor, recoverBackend, type StartBackend } from './recovery';
import { BackendUnavailableError } from './backend';
import type { GpuWatch } from './gpuLoss';
import { LumenError } from '@/shared/errors';
import type { BackendName, EngineInfo } from '@/engine/shared/types';

/** A GPU watch the test can lose by hand, as a context-lost event would. */
function fakeWatch(): GpuWatch & { lose(): void } {
  let lost = false;
  let fire: (e: LumenError) => void = () => undefined;
  const promise = new Promise<never>((_, reject) => (fire = reject));
  promise.catch(() => undefined);
  return {
    backend: 'webgl',
    lost: promise,
    isLost: () => lost,
    release: () => undefined,
    lose() {
      lost = true;
      fire(new LumenError('gpu-lost', 'lost'));
    },
  };
}

function setup() {
  const watches: ReturnType<typeof fakeWatch>[] = [];
  const recoveries: string[] = [];
  const supervisor = createGpuSupervisor(
    async (lost) => {
      recoveries.push(lost);
      supervisor.watchActive(); // the rebuilt backend gets a new watch
    },
    () => {
      const w = fakeWatch();
      watches.push(w);
      return w;
    },
  );
  supervisor.watchActive();
  return { supervisor, watches, recoveries };
}

const never = (): Promise<string> => new Promise<string>(() => undefined);

describe('GPU supervisor', () => {
  it('a job stuck on a lost GPU is abandoned, the backend recovered, and the job run again', async () => {
    const { supervisor, watches, recoveries } = setup();
    let calls = 0;
    const result = supervisor.run(async () => {
      calls += 1;
      if (calls === 1) {
        setTimeout(() => watches[0]?.lose(), 5);
        return never(); // a read-back on a dead WebGL context never comes back
      }
      return 'second try';
    });
    await expect(result).resolves.toBe('second try');
    expect(recoveries).toEqual(['webgl']);
    expect(calls).toBe(2);
  });

  it('a result that came back after the loss is not trusted (zeros from a dead context)', async () => {
    const { supervisor, watches } = setup();
    const answers = ['zeros', 'real'];
    const result = supervisor.run(async () => {
      const answer = answers.shift() ?? '';
      if (answer === 'zeros') watches[0]?.lose();
      return answer;
    });
    await expect(result).resolves.toBe('real');
  });

  it('guard recovers but does not run a streaming job twice: it fails with gpu-lost', async () => {
    const { supervisor, watches, recoveries } = setup();
    let calls = 0;
    const result = supervisor.guard(async () => {
      calls += 1;
      setTimeout(() => watches[0]?.lose(), 5);
      return never();
    });
    await expect(result).rejects.toMatchObject({ code: 'gpu-lost', message: expect.stringMatching(/Run it again/) });
    expect(recoveries).toEqual(['webgl']);
    expect(calls).toBe(1);
  });

  it('errors that are not a GPU loss pass through untouched, with no recovery', async () => {
    const { supervisor, recoveries } = setup();
    await expect(supervisor.run(async () => Promise.reject(new Error('bad input')))).rejects.toThrow('bad input');
    expect(recoveries).toEqual([]);
  });

  it('a loss noticed while idle is recovered before the next request', async () => {
    const { supervisor, watches, recoveries } = setup();
    watches[0]?.lose();
    await supervisor.recoverIfLost();
    expect(recoveries).toEqual(['webgl']);
    await expect(supervisor.run(async () => 'ok')).resolves.toBe('ok');
    expect(recoveries).toEqual(['webgl']);
  });
});

const engineOn = (backend: BackendName, forced = false): EngineInfo => ({
  backend,
  forced,
  reason: `running ${backend}`,
  attempts: [{ backend, ok: true, reason: `${backend} works` }],
  adapter: null,
  webglRenderer: null,
  tfjsVersion: '4.22.0',
  flags: {},
});

/** A start where webgl and wasm fail as selectBackend and a broken wasm binary would, and cpu starts. */
const startFailingUntilCpu: StartBackend = async (backend) => {
  if (backend === 'webgl') {
    throw new BackendUnavailableError('The webgl backend is not available here (webgl: no WebGL 2 context).', [
      { backend: 'webgl', ok: false, reason: 'no WebGL 2 context in this worker' },
    ]);
  }
  if (backend === 'wasm') throw new Error('wasm binary answered 404');
  return engineOn(backend);
};

describe('recoverBackend', () => {
  it("keeps each fallback's own reason for failing in the attempts and the notice", async () => {
    const previous = engineOn('webgpu', true);
    const { info, notice } = await recoverBackend('webgpu', previous, new Set<BackendName>(['webgpu']), 0, startFailingUntilCpu);
    expect(info.backend).toBe('cpu');
    expect(info.forced).toBe(true);
    expect(info.attempts).toEqual([
      { backend: 'webgpu', ok: false, reason: expect.stringContaining('it is marked as gone') },
      { backend: 'webgl', ok: false, reason: 'no WebGL 2 context in this worker' },
      { backend: 'wasm', ok: false, reason: 'wasm binary answered 404' },
      { backend: 'cpu', ok: true, reason: 'cpu works' },
    ]);
    expect(notice.kind).toBe('backend-fallback');
    expect(notice.message).toMatch(
      /webgpu lost its GPU.*webgl could not start \(no WebGL 2 context in this worker\).*wasm could not start \(wasm binary answered 404\).*fell back to cpu/,
    );
    expect(info.reason).toContain('wasm binary answered 404');
  });

  it('names every reason when no backend starts', async () => {
    const none: StartBackend = async (backend) => {
      if (backend === 'cpu') throw new Error('the cpu backend is not registered');
      return startFailingUntilCpu(backend);
    };
    const error = await recoverBackend('webgpu', engineOn('webgpu'), new Set<BackendName>(['webgpu']), 0, none).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LumenError);
    expect(error).toMatchObject({
      code: 'gpu-lost',
      message: expect.stringMatching(
        /webgpu: lost its GPU.*webgl: no WebGL 2 context in this worker; wasm: wasm binary answered 404; cpu: the cpu backend is not registered\)/,
      ),
    });
  });
});
