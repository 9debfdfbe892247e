/**
 * Resolves in a new task, so the browser can paint and handle input in between. A MessageChannel
 * rather than setTimeout(0): hidden tabs throttle timers to once a second (or once a minute),
 * which would stall a big drop left to run in the background.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
