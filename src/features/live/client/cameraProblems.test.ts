import { describe, expect, it } from 'vitest';
import { cameraProblem, cameraUnavailable } from './cameraProblems';

const domError = (name: string, message = 'x'): Error => Object.assign(new Error(message), { name });

describe('cameraProblem', () => {
  it('names denial, no camera and a busy camera in words a person can act on', () => {
    expect(cameraProblem(domError('NotAllowedError'))).toMatchObject({ kind: 'denied', message: expect.stringMatching(/denied.*Allow the camera/) });
    expect(cameraProblem(domError('NotFoundError'))).toMatchObject({ kind: 'no-camera', message: expect.stringMatching(/No camera was found/) });
    expect(cameraProblem(domError('OverconstrainedError'))).toMatchObject({ kind: 'no-camera' });
    expect(cameraProblem(domError('NotReadableError'))).toMatchObject({ kind: 'busy', message: expect.stringMatching(/another app/) });
  });

  it('keeps an unknown failure’s own message', () => {
    expect(cameraProblem(new TypeError('constraints malformed'))).toEqual({ kind: 'other', message: 'The camera could not be started: constraints malformed' });
    expect(cameraProblem('weird')).toMatchObject({ kind: 'other', message: expect.stringContaining('weird') });
  });

  it('says why no camera can be offered before asking', () => {
    expect(cameraUnavailable({ isSecureContext: false, hasMediaDevices: false })?.kind).toBe('insecure');
    expect(cameraUnavailable({ isSecureContext: true, hasMediaDevices: false })?.kind).toBe('unsupported');
    expect(cameraUnavailable({ isSecureContext: true, hasMediaDevices: true })).toBeNull();
  });
});
