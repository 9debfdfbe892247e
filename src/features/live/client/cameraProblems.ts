/**
 * getUserMedia's failures, and a camera that goes away, in words a person can act on. The DOMException
 * names are the Media Capture spec's; anything else keeps its own message.
 */
export type CameraProblemKind = 'denied' | 'no-camera' | 'busy' | 'insecure' | 'unplugged' | 'unsupported' | 'other';

export interface CameraProblem {
  kind: CameraProblemKind;
  message: string;
}

export function cameraProblem(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return {
        kind: 'denied',
        message:
          'Camera access was denied. Allow the camera for this site (the camera icon in the address bar, or the browser’s site settings), then press Start again.',
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { kind: 'no-camera', message: 'No camera was found. Connect a camera (or choose another one), then press Start again.' };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { kind: 'busy', message: 'The camera could not be started: another app or tab may be using it. Close that, then press Start again.' };
    default:
      return { kind: 'other', message: `The camera could not be started: ${detail}` };
  }
}

/** Before asking: what stops a camera from being offered at all on this page. */
export function cameraUnavailable(env: { isSecureContext: boolean; hasMediaDevices: boolean }): CameraProblem | null {
  if (!env.isSecureContext) return { kind: 'insecure', message: 'The camera needs a secure page: open Lumen over https (or on localhost).' };
  if (!env.hasMediaDevices) return { kind: 'unsupported', message: 'This browser does not offer camera access (navigator.mediaDevices is missing).' };
  return null;
}

export const CAMERA_UNPLUGGED: CameraProblem = {
  kind: 'unplugged',
  message: 'The camera stopped: it was unplugged or switched off. Plug it back in (or choose another camera), then press Start.',
};
